/*
 * marks.c: correcting the machine from the shell.  An analyst looking
 * into an event acts on it where she is:
 *
 *   mark ID false_alarm|no_answer|watch REASON...
 *   answer ID TIME FORM BODY [URL]
 *   merge ID INTO REASON...
 *
 * Each runs yq-deadline's verb of the same name (the tool that owns the
 * fact: ids checked, the row kept with who, when and why), found beside
 * this program or on PATH, on the same state store (--db).  Its output
 * (the correction's number) and status are the command's.
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explore.h"
#include "yq.h"
#include "yqtime.h"

static char *deadline_tool;
static const char *state_db;
static int no_state;
static char now_arg[YQT_BUFSZ];	/* --now to pass on, or "" */
static char *joined;		/* words_from's, until the next call */

/* Words first.. of w, joined by a space: a reason needs no quotes. */
static const char *
words_from(const struct words *w, int first)
{
	size_t len = 0;
	int i;

	for (i = first; i < w->n; i++)
		len += strlen(w->w[i]) + 1;
	free(joined);
	joined = xcalloc(1, len + 1);
	for (i = first; i < w->n; i++) {
		if (i > first)
			strcat(joined, " ");
		strcat(joined, w->w[i]);
	}
	return joined;
}

void
marks_setup(const char *argv0, const char *db, int nostate, time_t now)
{
	const char *slash = strrchr(argv0, '/');
	char *beside;

	free(deadline_tool);
	deadline_tool = xstrdup("yq-deadline");
	state_db = db;
	no_state = nostate && db == NULL;
	now_arg[0] = '\0';
	if (now != (time_t)-1) {
		struct yqt t = { now, YQT_DEFAULT_OFFSET };

		yqt_format(t, now_arg);
	}
	if (slash == NULL)
		return;
	beside = xasprintf("%.*s/yq-deadline", (int)(slash - argv0), argv0);
	if (access(beside, X_OK) == 0) {
		free(deadline_tool);
		deadline_tool = beside;
	} else
		free(beside);
}

void
marks_free(void)
{
	free(deadline_tool);
	deadline_tool = NULL;
	free(joined);
	joined = NULL;
}

/* Run yq-deadline with args (NULL-terminated, at most 14); its status. */
static int
run_tool(struct store *s, const char *const *args)
{
	const char *argv[24];
	pid_t pid;
	int n = 0, st;

	argv[n++] = deadline_tool ? deadline_tool : "yq-deadline";
	while (*args != NULL && n < 16)
		argv[n++] = *args++;
	if (state_db != NULL) {
		argv[n++] = "--db";
		argv[n++] = state_db;
	} else if (no_state)
		argv[n++] = "--no-state";
	if (*now_arg != '\0') {
		argv[n++] = "--now";
		argv[n++] = now_arg;
	}
	argv[n] = NULL;
	fflush(s->out);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		yq_warn("cannot run '%s'", argv[0]);
		return 3;
	}
	if (pid == 0) {
		if (fileno(s->out) != 1)
			dup2(fileno(s->out), 1);
		execvp(argv[0], (char *const *)argv);
		yq_warn("cannot run '%s'", argv[0]);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 3;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
c_mark(struct store *s, struct words *w)
{
	const char *args[] = { "mark", NULL, "--as", NULL, "--reason", NULL, NULL };

	if (w->n < 4) {
		yq_warnx("mark: usage: mark ID false_alarm|no_answer|watch REASON");
		return 2;
	}
	args[1] = w->w[1];
	args[3] = w->w[2];
	args[5] = words_from(w, 3);
	return run_tool(s, args);
}

int
c_answer(struct store *s, struct words *w)
{
	const char *args[] = { "answer", NULL, "--at", NULL, "--form", NULL,
	    "--by", NULL, NULL, NULL, NULL };

	if (w->n < 5 || w->n > 6) {
		yq_warnx("answer: usage: answer ID TIME FORM BODY [URL]");
		return 2;
	}
	args[1] = w->w[1];
	args[3] = w->w[2];
	args[5] = w->w[3];
	args[7] = w->w[4];
	if (w->n == 6) {
		args[8] = "--url";
		args[9] = w->w[5];
	}
	return run_tool(s, args);
}

int
c_merge(struct store *s, struct words *w)
{
	const char *args[] = { "merge", NULL, "--into", NULL, "--reason", NULL, NULL };

	if (w->n < 4) {
		yq_warnx("merge: usage: merge ID INTO REASON");
		return 2;
	}
	args[1] = w->w[1];
	args[3] = w->w[2];
	args[5] = words_from(w, 3);
	return run_tool(s, args);
}
