/*
 * datapath.c: where yq's data files are found: $YQ_DATA (a colon-separated
 * list), then the install prefix's share/yq, then the build tree's dict/.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datapath.h"
#include "yq.h"

#define MAXDIRS 34

const char *const *
yq_datadirs(void)
{
	static const char *dirs[MAXDIRS + 1];
	static char *env;
	char *p, *tok;
	int n = 0;

	free(env);
	env = NULL;
	p = getenv("YQ_DATA");
	if (p != NULL && *p != '\0') {
		env = xstrdup(p);
		for (tok = strtok(env, ":"); tok != NULL && n < MAXDIRS - 2;
		    tok = strtok(NULL, ":"))
			dirs[n++] = tok;
	}
	dirs[n++] = YQ_DATADIR;
	dirs[n++] = YQ_BUILD_DATADIR;
	dirs[n] = NULL;
	return dirs;
}

char *
yq_datafile(const char *name)
{
	const char *const *d;
	char *path;

	for (d = yq_datadirs(); *d != NULL; d++) {
		path = xasprintf("%s/%s", *d, name);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	errno = ENOENT;
	return NULL;
}
