/*
 * err.c: diagnostics on stderr, "prog: message", in one place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "yq.h"

static const char *prog = "yq";

void
yq_setprog(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	prog = slash ? slash + 1 : argv0;
}

const char *
yq_prog(void)
{
	return prog;
}

void
yq_vwarnx(const char *fmt, va_list ap)
{
	prog_clear();
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
yq_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yq_vwarnx(fmt, ap);
	va_end(ap);
}

void
yq_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	prog_clear();
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	yq_vwarnx(fmt, ap);
	va_end(ap);
	exit(status);
}
