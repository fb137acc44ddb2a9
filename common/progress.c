/*
 * progress.c: the progress line.  Every tool that reads records shows
 * it the same way; the error functions of err.c clear it first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "yq.h"

static int on;			/* showing progress */
static int shown;		/* a line is on the screen */
static double start, last, every = 0.25;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void
prog_start(int want)
{
	const char *ms = getenv("YQ_PROGRESS_MS");

	if (on || !want || !isatty(STDERR_FILENO))
		return;
	if (ms != NULL && *ms != '\0')
		every = atof(ms) / 1000;
	on = 1;
	start = last = now();
}

void
prog_tick(unsigned long records, unsigned long bad)
{
	static unsigned calls;
	double t, rate;

	/* The clock is read every 256 records, or every one when asked. */
	if (!on || (every > 0 && ++calls % 256 != 0))
		return;
	t = now();
	if (t - last < every)
		return;
	last = t;
	rate = t > start ? records / (t - start) : 0;
	fprintf(stderr, "\r%s: %lu records, %.0f/s, %lu bad\033[K", yq_prog(),
	    records, rate, bad);
	fflush(stderr);
	shown = 1;
}

void
prog_clear(void)
{
	if (!shown)
		return;
	fputs("\r\033[K", stderr);
	shown = 0;
}

void
prog_stop(void)
{
	prog_clear();
	on = 0;
}
