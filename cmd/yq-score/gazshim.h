/*
 * gazshim.h: the gazetteer's lookup API as common/gazetteer.h will give
 * it (the same signatures), served here from yq-score's own gazetteer
 * (gazetteer.c) until that one moves to common/.  bodies.c uses only
 * this API, so the swap touches no caller.
 */
#ifndef GAZSHIM_H
#define GAZSHIM_H

#include <stddef.h>
#include <jansson.h>

enum gaz_level { GAZ_PROVINCE, GAZ_CITY, GAZ_COUNTY };

struct gaz_place {
	const char *name;	/* full name: 泰顺县 */
	const char *shortname;	/* short form (泰顺), or NULL where none */
	char code[7];
	int level;		/* enum gaz_level */
};

/*
 * The place a name (full or short form) denotes, ambiguity resolved
 * against ctx (a post's "places" array as yq-score writes it, or NULL);
 * NULL when no place has that name.  The place belongs to the gazetteer.
 */
const struct gaz_place *gaz_lookup(const char *name, size_t len, json_t *ctx);
/* The place of a 6-digit code, or NULL. */
const struct gaz_place *gaz_by_code(const char *code);
/* The code one level up, written to buf; NULL at the top or when unknown. */
const char *gaz_parent(const char *code, char buf[7]);

#endif
