/*
 * datafile.h: one reader for yq's line-based data files (word lists,
 * lexicons, rules, models).  Blank lines and comments are skipped; a line
 * longer than the limit, a line that is not UTF-8 and a read error stop
 * the load with "file:line: what" on stderr, where each loader used to
 * skip such lines as comments.
 */
#ifndef YQ_DATAFILE_H
#define YQ_DATAFILE_H

#include <stddef.h>

/*
 * Flags of df_open.  By default a comment is a line whose first
 * non-blank character is '#'.  DF_WORDS: a word list, where "#" can be a
 * word; a comment is '#' followed by a blank.  DF_RAW: every line is
 * returned, blank ones too.
 */
enum { DF_WORDS = 1, DF_RAW = 2 };

struct datafile;

/*
 * Open path for reading, lines of at most max_line bytes.  On error
 * returns NULL with errno set; nothing is printed (the caller names what
 * it could not open).
 */
struct datafile *df_open(const char *path, size_t max_line, int flags);

/*
 * Next line (without newline, NUL-terminated, valid until the next call)
 * in *line and *len.  Returns 1, 0 at the end, or -1 after printing
 * "prog: file:line: what" (too long, not UTF-8) or "prog: file: read
 * error" to stderr.
 */
int df_next(struct datafile *df, char **line, size_t *len);

/* Prints "prog: file:line: " and the message to stderr; returns -1. */
int df_bad(const struct datafile *df, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The line number of the line last returned (1-based). */
unsigned long df_lineno(const struct datafile *df);

/* Closes df; returns -1 (and prints why) on a read error not yet reported. */
int df_close(struct datafile *df);

#endif
