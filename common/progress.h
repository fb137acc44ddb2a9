/*
 * progress.h: one progress line on a terminal's stderr (records, rate,
 * bad lines), redrawn in place and cleared before any message, so that
 * it never mixes with an error line and never reaches a file or a pipe.
 */
#ifndef YQ_PROGRESS_H
#define YQ_PROGRESS_H

/*
 * Start showing progress when on is true and stderr is a terminal.  The
 * line is redrawn at most every $YQ_PROGRESS_MS milliseconds (250).
 */
void prog_start(int on);

/* The counts so far; cheap enough to call for every record. */
void prog_tick(unsigned long records, unsigned long bad);

/* Clear the line if one is shown (before a message is printed). */
void prog_clear(void);

/* Clear the line and stop showing progress. */
void prog_stop(void);

#endif
