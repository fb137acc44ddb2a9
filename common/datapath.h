/*
 * datapath.h: finding yq's data files (dictionaries, models, gazetteer)
 * in $YQ_DATA, then PREFIX/share/yq, then the build tree's dict/.
 */
#ifndef YQ_DATAPATH_H
#define YQ_DATAPATH_H

/*
 * YQ_DATADIR (PREFIX/share/yq) and YQ_BUILD_DATADIR (the build tree's
 * dict/), written by the Makefile into $(BUILD)/config.h.
 */
#include "config.h"

/*
 * Path of the first existing file called name in the search order, in a
 * fresh string the caller frees; NULL (errno ENOENT) when none exists.
 */
char *yq_datafile(const char *name);

/* The directories searched, in order, NULL-terminated (static storage). */
const char *const *yq_datadirs(void);

#endif
