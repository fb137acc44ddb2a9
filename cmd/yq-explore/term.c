/*
 * term.c: yq-explore's interactive side: GNU readline with history kept
 * across sessions under $XDG_STATE_HOME/yq/, and completion of commands,
 * field names, event ids and the values seen at a field (place names).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "explore.h"
#include "record.h"
#include "yq.h"

#define HISTORY_MAX 1000
#define VALUES_MAX 2000

static struct store *st;

/* Candidates for the word being completed, and the prefix they share. */
static char **cand;
static size_t ncand, capcand;

static void
cand_add(const char *s)
{
	size_t i;

	for (i = 0; i < ncand; i++)
		if (strcmp(cand[i], s) == 0)
			return;
	if (ncand == capcand) {
		capcand = capcand ? capcand * 2 : 64;
		cand = xrealloc(cand, capcand * sizeof *cand);
	}
	cand[ncand++] = xstrdup(s);
}

static void
cand_clear(void)
{
	while (ncand > 0)
		free(cand[--ncand]);
}

static char *
generator(const char *text, int state)
{
	static size_t i, len;

	if (state == 0) {
		i = 0;
		len = strlen(text);
	}
	while (i < ncand) {
		const char *c = cand[i++];

		if (strncmp(c, text, len) == 0)
			return strdup(c);
	}
	return NULL;
}

struct valctx {
	const char *prefix;	/* "places.name=" */
	const char *typed;	/* what follows the operator */
};

static void
value_cb(json_t *v, void *arg)
{
	struct valctx *x = arg;
	char buf[64], *s;
	const char *t = scalar_text(v, buf, sizeof buf);

	if (ncand >= VALUES_MAX || strncmp(t, x->typed, strlen(x->typed)) != 0)
		return;
	s = xasprintf("%s%s", x->prefix, t);
	cand_add(s);
	free(s);
}

/* "places.name=北" completes to the values seen at places.name. */
static void
complete_value(const char *text, size_t oplen)
{
	struct valctx x;
	struct xiter it;
	uint64_t key;
	char *path, *prefix;

	path = xstrndup(text, strcspn(text, "=!<>~"));
	prefix = xstrndup(text, oplen);
	x.prefix = prefix;
	x.typed = text + oplen;
	sel_begin(st, &st->cur, &it);
	while (ncand < VALUES_MAX && sel_next(st, &it, &key))
		path_each(store_rec(st, key)->obj, path, value_cb, &x);
	sel_end(&it);
	free(path);
	free(prefix);
}

static void
complete_ids(const char *text)
{
	struct xsel all = { NULL, 0, 1, NULL };
	struct xiter it;
	const struct xrec *r;
	uint64_t key;
	const char *id;

	/* Over an index, the events' ids (posts' would read every record). */
	all.n = st->n;
	sel_begin(st, &all, &it);
	while (ncand < VALUES_MAX && sel_next(st, &it, &key)) {
		if (!it.head.is_event && (*text == '\0' || st->ix != NULL))
			continue;
		r = store_rec(st, key);
		id = rec_str(r->obj, r->is_event ? "event_id" : "id");
		if (id != NULL && strncmp(id, text, strlen(text)) == 0)
			cand_add(id);
	}
	sel_end(&it);
}

/* Which word of the line begins at start (the command word is 0). */
static int
word_index(int start)
{
	const char *p = rl_line_buffer, *end = rl_line_buffer + start;
	int n = 0;

	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		while (p < end && *p != ' ')
			p++;
		n++;
	}
	return n;
}

/*
 * mark ID VERDICT, answer ID TIME FORM, merge ID INTO: event ids (those
 * loaded; only events, a correction is about one), verdicts and forms.
 */
static void
complete_correction(const char *cmdword, int word, const char *text)
{
	static const char *const verdicts[] = { "false_alarm", "no_answer", "watch", NULL };
	static const char *const forms[] = {
		"press_conference", "statement", "briefing", "interview", "refutation", NULL
	};
	const char *const *list = NULL;
	const char *id;
	size_t i;

	if (word == 1 || (word == 2 && strcmp(cmdword, "merge") == 0)) {
		for (i = 0; i < st->n && ncand < VALUES_MAX; i++)
			if (st->rec[i].is_event &&
			    (id = rec_str(st->rec[i].obj, "event_id")) != NULL &&
			    strncmp(id, text, strlen(text)) == 0)
				cand_add(id);
		return;
	}
	if (word == 2 && strcmp(cmdword, "mark") == 0)
		list = verdicts;
	if (word == 3 && strcmp(cmdword, "answer") == 0)
		list = forms;
	for (i = 0; list != NULL && list[i] != NULL; i++)
		cand_add(list[i]);
}

static char **
complete(const char *text, int start, int end)
{
	char cmdword[32] = "", prev[32] = "";
	const char *p = rl_line_buffer, *q, *op;
	size_t i, n;

	(void)end;
	cand_clear();
	rl_attempted_completion_over = 1;
	/* The command word and the word before this one. */
	while (*p == ' ')
		p++;
	n = strcspn(p, " ");
	if (p + n < rl_line_buffer + start && n < sizeof cmdword)
		memcpy(cmdword, p, n);
	for (q = rl_line_buffer + start; q > rl_line_buffer && q[-1] == ' '; q--)
		;
	for (p = q; p > rl_line_buffer && p[-1] != ' '; p--)
		;
	if ((size_t)(q - p) < sizeof prev)
		memcpy(prev, p, q - p);
	if (*cmdword == '\0') {
		for (i = 0; cmd_names[i] != NULL; i++)
			cand_add(cmd_names[i]);
	} else if (strcmp(cmdword, "show") == 0 || strcmp(cmdword, "event") == 0) {
		complete_ids(text);
	} else if (strcmp(cmdword, "mark") == 0 || strcmp(cmdword, "answer") == 0 ||
	    strcmp(cmdword, "merge") == 0) {
		complete_correction(cmdword, word_index(start), text);
	} else if (strcmp(cmdword, "export") == 0) {
		rl_attempted_completion_over = 0;	/* file names */
		return NULL;
	} else if (strcmp(cmdword, "where") == 0 &&
	    *(op = text + strcspn(text, "=!<>~")) != '\0') {
		complete_value(text, (op - text) + strspn(op, "=!<>~"));
	} else if (strcmp(cmdword, "help") == 0) {
		for (i = 0; cmd_names[i] != NULL; i++)
			cand_add(cmd_names[i]);
	} else {
		if (strcmp(prev, "by") == 0 && strcmp(cmdword, "count") == 0) {
			cand_add("hour");
			cand_add("day");
		}
		if (strcmp(cmdword, "top") == 0 && strcmp(prev, "by") != 0 &&
		    strspn(prev, "0123456789") == strlen(prev) && *prev != '\0')
			cand_add("by");
		else if (strcmp(cmdword, "count") == 0 && strcmp(prev, "count") == 0)
			cand_add("by");
		else
			for (i = 0; i < st->nfields; i++)
				cand_add(st->fields[i]);
	}
	return rl_completion_matches(text, generator);
}

/* $XDG_STATE_HOME/yq/explore_history, its directory made if need be. */
static char *
history_path(void)
{
	const char *base = getenv("XDG_STATE_HOME");
	char *dir, *path;

	if (base != NULL && *base != '\0')
		dir = xasprintf("%s/yq", base);
	else if ((base = getenv("HOME")) != NULL)
		dir = xasprintf("%s/.local/state/yq", base);
	else
		return NULL;
	for (char *s = dir + 1; *s != '\0'; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(dir, 0700);
			*s = '/';
		}
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/explore_history", dir);
	free(dir);
	return path;
}

int
term_loop(struct store *s)
{
	char *line, *hist;
	int status = 0, quit = 0;
	HIST_ENTRY *last;

	st = s;
	rl_readline_name = "yq-explore";
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = (char *)" \t\n";
	hist = history_path();
	using_history();
	stifle_history(HISTORY_MAX);
	if (hist != NULL)
		read_history(hist);
	while (!quit && (line = readline("yq> ")) != NULL) {
		if (*line != '\0') {
			last = history_length > 0 ? history_get(history_base +
			    history_length - 1) : NULL;
			if (last == NULL || strcmp(last->line, line) != 0)
				add_history(line);
		}
		status = cmd_run(s, line, &quit);
		free(line);
	}
	if (!quit)
		putchar('\n');
	if (hist != NULL && write_history(hist) != 0)
		yq_warnx("cannot write history '%s'", hist);
	free(hist);
	cand_clear();
	free(cand);
	return status;
}
