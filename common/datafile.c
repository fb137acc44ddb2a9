/*
 * datafile.c: the reader of yq's line-based data files, over the line
 * reader of record.c.  Every loader gets the same comments, the same
 * limits and the same messages, so a file that cannot be read whole is
 * never loaded in part without a word.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "progress.h"
#include "record.h"
#include "utf8.h"
#include "yq.h"

struct datafile {
	struct linereader *lr;
	char *path;
	int flags;
	int failed;		/* a read error was reported */
};

struct datafile *
df_open(const char *path, size_t max_line, int flags)
{
	struct linereader *lr = lr_open(path, max_line);
	struct datafile *df;

	if (lr == NULL)
		return NULL;
	df = xcalloc(1, sizeof *df);
	df->lr = lr;
	df->path = xstrdup(path);
	df->flags = flags;
	return df;
}

/* Whether line is a comment (or blank) under df's flags. */
static int
skipped(const struct datafile *df, const char *line)
{
	line += strspn(line, " \t");
	if (df->flags & DF_RAW)
		return 0;
	if (*line == '\0')
		return 1;
	if (*line != '#')
		return 0;
	return !(df->flags & DF_WORDS) || line[1] == ' ' || line[1] == '\t';
}

int
df_next(struct datafile *df, char **line, size_t *len)
{
	int r;

	for (;;) {
		r = lr_next(df->lr, line, len);
		if (r == REC_EOF)
			return 0;
		if (r == REC_ERR) {
			yq_warnx("%s: %s", df->path, lr_error(df->lr));
			df->failed = 1;
			return -1;
		}
		if (r != REC_OK)
			return df_bad(df, "%s", lr_error(df->lr));
		if (utf8_valid_prefix(*line, *len) != *len)
			return df_bad(df, "not UTF-8 (data files are UTF-8)");
		if (!skipped(df, *line))
			return 1;
	}
}

int
df_bad(const struct datafile *df, const char *fmt, ...)
{
	va_list ap;

	prog_clear();
	fprintf(stderr, "%s: %s:%lu: ", yq_prog(), df->path, lr_lineno(df->lr));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

unsigned long
df_lineno(const struct datafile *df)
{
	return lr_lineno(df->lr);
}

int
df_close(struct datafile *df)
{
	int r = 0;

	if (df == NULL)
		return 0;
	if (lr_close(df->lr) < 0 && !df->failed) {
		yq_warnx("%s: read error", df->path);
		r = -1;
	}
	free(df->path);
	free(df);
	return r;
}
