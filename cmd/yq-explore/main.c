/*
 * yq-explore: load archived post and event records and answer questions
 * about them, interactively with readline or from a script.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explore.h"
#include "opt.h"
#include "record.h"
#include "yq.h"

enum { O_UPDATE = 256, O_REBUILD };

static const struct yq_option options[] = {
	{ "command", 'c', 1, "CMDS", "run the commands in CMDS (separated by ;) and exit" },
	{ "file", 'f', 1, "FILE", "run the commands in FILE and exit" },
	{ "index", 'i', 1, "DIR", "query the index in DIR instead of loading files" },
	{ "update", O_UPDATE, 0, NULL, "index the files' new lines (all the index has: none named) and exit" },
	{ "rebuild", O_REBUILD, 0, NULL, "build the index again from its files (and those named) and exit" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"yq-explore", "[options] file ... | --index DIR [--update | --rebuild] [file ...]",
	"investigate archived yq records interactively", options,
	YQ_OPT_IO | YQ_OPT_NOW | YQ_OPT_STATE
};

/* Run "a; b; c"; a ';' inside quotes does not separate. */
static int
run_commands(struct store *s, const char *cmds)
{
	char *buf = xstrdup(cmds), *p = buf, *start = buf, q = 0;
	int status = 0, quit = 0;

	for (;; p++) {
		if (q != 0) {
			if (*p == q)
				q = 0;
			else if (*p == '\0')
				break;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			q = *p;
			continue;
		}
		if (*p == ';' || *p == '\0') {
			int end = *p == '\0';

			*p = '\0';
			status = cmd_run(s, start, &quit);
			start = p + 1;
			if (end || quit)
				break;
		}
	}
	if (q != 0)
		status = cmd_run(s, start, &quit);
	free(buf);
	return status;
}

static int
run_file(struct store *s, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int status = 0, quit = 0;

	while (!quit && (n = getline(&line, &cap, fp)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		status = cmd_run(s, line, &quit);
	}
	free(line);
	return status;
}

/* Load one operand; a quoted glob is expanded here. */
static long
load_operand(struct store *s, const char *arg, int progress)
{
	glob_t g;
	size_t i;
	long bad = 0, r;

	if (strpbrk(arg, "*?[") == NULL || strcmp(arg, "-") == 0)
		return store_load(s, arg, progress);
	if (glob(arg, 0, NULL, &g) != 0) {
		yq_warnx("no files match '%s'", arg);
		return -1;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		r = store_load(s, g.gl_pathv[i], progress);
		if (r < 0) {
			bad = -1;
			break;
		}
		bad += r;
	}
	globfree(&g);
	return bad;
}

/* --update, --rebuild: 0, 2 when lines were bad, 3 when it could not. */
static int
build_index(const char *dir, int rebuild, char **paths, int npaths, time_t now,
    int progress)
{
	struct xindex *ix;
	long bad = 0;
	int r;

	if (rebuild)
		r = idx_rebuild(dir, paths, npaths, now, progress, &bad);
	else if ((ix = idx_open(dir, 1)) == NULL)
		r = -1;
	else {
		r = idx_update(ix, paths, npaths, now, progress, &bad);
		idx_close(ix);
	}
	words_free();
	if (r < 0)
		return YQ_EXIT_IO;
	return bad > 0 ? YQ_EXIT_USAGE : 0;
}

static int
open_index(struct store *s, const char *dir, int quiet)
{
	struct xindex *ix = idx_open(dir, 0);

	if (ix == NULL)
		return -1;
	if (idx_check(ix, quiet) < 0 || store_use_index(s, ix) < 0) {
		if (s->ix == NULL)
			idx_close(ix);
		return -1;
	}
	return 0;
}

/* What the options ask for. */
struct job {
	const char *cmds;	/* -c */
	const char *script;	/* -f */
	const char *index;	/* -i DIR */
	int update, rebuild;
};

/* Run the session: -c, -f, a terminal, or commands on stdin; its status. */
static int
session(struct store *s, const struct job *j)
{
	FILE *fp;
	int status;

	if (j->cmds != NULL)
		return run_commands(s, j->cmds);
	if (j->script != NULL) {
		if ((fp = fopen(j->script, "r")) == NULL)
			die(YQ_EXIT_IO, "cannot open '%s': %s", j->script, strerror(errno));
		status = run_file(s, fp);
		fclose(fp);
		return status;
	}
	if (isatty(0) && isatty(1)) {
		run_commands(s, "info");
		return term_loop(s);
	}
	return run_file(s, stdin);
}

/* Open the index or load the operands into s; the bad lines, or -1. */
static long
fill(struct store *s, const struct job *j, int argc, char **argv, int progress,
    int quiet)
{
	long bad = 0, r;
	int i;

	if (j->index != NULL)
		return open_index(s, j->index, quiet) < 0 ? -1 : 0;
	for (i = optind; i < argc; i++) {
		if ((r = load_operand(s, argv[i], progress)) < 0)
			return -1;
		bad += r;
	}
	store_ready(s);
	return bad;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct store s;
	struct job j = { NULL, NULL, NULL, 0, 0 };
	const char *arg;
	long bad;
	int ch, status, progress;

	yq_common_init(&c, argv[0]);
	while ((ch = yq_getopt(&cmd, argc, argv, &c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c.exit_status;
		case 'c': j.cmds = arg; break;
		case 'f': j.script = arg; break;
		case 'i': j.index = arg; break;
		case O_UPDATE: j.update = 1; break;
		case O_REBUILD: j.rebuild = 1; break;
		}
	}
	if ((j.cmds != NULL && j.script != NULL) || (j.update && j.rebuild) ||
	    (j.index == NULL && (optind == argc || j.update || j.rebuild)) ||
	    (j.index != NULL && !j.update && !j.rebuild && optind < argc) ||
	    ((j.update || j.rebuild) && (j.cmds != NULL || j.script != NULL))) {
		yq_usage(&cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	progress = !c.quiet && isatty(2);
	if (j.update || j.rebuild)
		return build_index(j.index, j.rebuild, argv + optind, argc - optind,
		    c.now, progress);
	store_init(&s);
	s.now = c.now;
	marks_setup(argv[0], c.db, c.no_state, c.now_set ? c.now : (time_t)-1);
	if ((bad = fill(&s, &j, argc, argv, progress, c.quiet)) < 0)
		return YQ_EXIT_IO;
	status = session(&s, &j);
	store_free(&s);
	marks_free();
	words_free();
	/* A reader that went away is not our failure, as in every tool. */
	if (s.gone)
		return status;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		yq_warn("write error");
		return YQ_EXIT_IO;
	}
	return status == 0 && bad > 0 ? YQ_EXIT_USAGE : status;
}
