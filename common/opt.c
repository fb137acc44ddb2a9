/*
 * opt.c: command-line options from one table per tool.  getopt_long's
 * table, the --help text and the --help-options list (behind the
 * completions and the man-page check) are all made from it.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "opt.h"
#include "yq.h"
#include "yqtime.h"

/* Values of the shared long-only options, above any tool's. */
enum {
	O_STRICT = 0x1000, O_REJECTS, O_MAXLINE, O_NOW, O_DB, O_NOSTATE,
	O_VERSION, O_HELPOPTS
};

static const struct yq_option group_io[] = {
	{ "strict", O_STRICT, 0, NULL, "stop at the first bad input line" },
	{ "rejects", O_REJECTS, 1, "FILE", "copy bad input lines to FILE" },
	{ "max-line", O_MAXLINE, 1, "N", "longest input line in bytes (16M; K, M, G suffixes)" },
	{ "quiet", 'q', 0, NULL, "no progress line on a terminal" },
	{ 0 }
};
static const struct yq_option group_output[] = {
	{ "output", 'o', 1, "FILE", "write to FILE atomically instead of stdout" },
	{ 0 }
};
static const struct yq_option group_now[] = {
	{ "now", O_NOW, 1, "TIME", "take TIME as the current time (RFC 3339)" },
	{ 0 }
};
static const struct yq_option group_state[] = {
	{ "db", O_DB, 1, "FILE", "state database (default $YQ_DB, then $XDG_DATA_HOME/yq/yq.db)" },
	{ "no-state", O_NOSTATE, 0, NULL, "remember nothing between runs" },
	{ 0 }
};
static const char *const *subcommands;

void
yq_subcommands(const char *const *list)
{
	subcommands = list;
}

static const struct yq_cmd *const *subtables;

void
yq_subcommand_tables(const struct yq_cmd *const *list)
{
	subtables = list;
}

static const struct yq_option always[] = {
	{ "help", 'h', 0, NULL, "show this help and exit" },
	{ "version", O_VERSION, 0, NULL, "show the version and exit" },
	{ 0 }
};

/* The tool's table, four groups, the options every tool has, and NULL. */
#define NTABLES 7

/* The tables that apply to cmd, in help order, NULL-terminated. */
static void
tables(const struct yq_cmd *cmd, const struct yq_option *t[NTABLES])
{
	int n = 0;

	if (cmd->options != NULL)
		t[n++] = cmd->options;
	if (cmd->groups & YQ_OPT_IO)
		t[n++] = group_io;
	if (cmd->groups & YQ_OPT_OUTPUT)
		t[n++] = group_output;
	if (cmd->groups & YQ_OPT_NOW)
		t[n++] = group_now;
	if (cmd->groups & YQ_OPT_STATE)
		t[n++] = group_state;
	t[n++] = always;
	t[n] = NULL;
}

void
yq_common_init(struct yq_common *c, const char *argv0)
{
	yq_jansson_alloc();
	memset(c, 0, sizeof *c);
	c->now = time(NULL);
	c->rec.progress = 1;	/* on a terminal; -q: never */
	yq_setprog(argv0);
	/* A reader that goes away shows as EPIPE on write, not a signal. */
	signal(SIGPIPE, SIG_IGN);
}

static int
is_short(int val)
{
	return val > 0 && val < 128 && val != '?' && val != ':';
}

void
yq_usage(const struct yq_cmd *cmd, FILE *fp)
{
	const struct yq_option *t[NTABLES], *o;
	char left[96];
	int i;

	fprintf(fp, "usage: %s %s\n%s\n\n", cmd->name, cmd->synopsis, cmd->summary);
	if (subcommands != NULL) {
		for (i = 0; subcommands[i] != NULL; i += 2)
			fprintf(fp, "  %-24s  %s\n", subcommands[i],
			    subcommands[i + 1]);
		fputc('\n', fp);
	}
	tables(cmd, t);
	for (i = 0; t[i] != NULL; i++) {
		for (o = t[i]; o->name != NULL; o++) {
			if (is_short(o->val))
				snprintf(left, sizeof left, "-%c, --%s%s%s", o->val,
				    o->name, o->argname ? " " : "",
				    o->argname ? o->argname : "");
			else
				snprintf(left, sizeof left, "    --%s%s%s", o->name,
				    o->argname ? " " : "", o->argname ? o->argname : "");
			if (strlen(left) > 24)
				fprintf(fp, "  %s\n  %-24s  %s\n", left, "", o->help);
			else
				fprintf(fp, "  %-24s  %s\n", left, o->help);
		}
	}
}

/* One line per option of cmd, each first field after prefix. */
static void
option_lines(const struct yq_cmd *cmd, const char *prefix)
{
	const struct yq_option *t[NTABLES], *o;
	int i;

	tables(cmd, t);
	for (i = 0; t[i] != NULL; i++)
		for (o = t[i]; o->name != NULL; o++) {
			printf("%s--%s\t", prefix, o->name);
			if (is_short(o->val))
				printf("-%c", o->val);
			printf("\t%s\t%s\n", o->argname ? o->argname : "", o->help);
		}
}

static void
help_options(const struct yq_cmd *cmd)
{
	char prefix[64];
	const char *sp;
	int i;

	if (subcommands != NULL)
		for (i = 0; subcommands[i] != NULL; i += 2)
			printf("subcommand\t%s\t\t%s\n", subcommands[i],
			    subcommands[i + 1]);
	option_lines(cmd, "");
	if (subtables == NULL)
		return;
	for (i = 0; subtables[i] != NULL; i++) {
		sp = strrchr(subtables[i]->name, ' ');
		snprintf(prefix, sizeof prefix, "%s ",
		    sp != NULL ? sp + 1 : subtables[i]->name);
		option_lines(subtables[i], prefix);
	}
}

/* Byte counts with an optional K, M or G suffix. */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	case 'M': case 'm':
		v <<= 20;
		end++;
		break;
	case 'G': case 'g':
		v <<= 30;
		end++;
		break;
	}
	if (*end != '\0' || v == 0 || v > (1ULL << 40))
		return -1;
	*out = v;
	return 0;
}

static int
usage_error(const struct yq_cmd *cmd, struct yq_common *c)
{
	fprintf(stderr, "usage: %s %s\nTry '%s --help'.\n", cmd->name,
	    cmd->synopsis, cmd->name);
	c->exit_status = YQ_EXIT_USAGE;
	return YQ_GETOPT_EXIT;
}

/* Handle a shared option; 1 if it was one, YQ_GETOPT_EXIT on error. */
static int
shared(const struct yq_cmd *cmd, struct yq_common *c, int ch, const char *arg)
{
	struct yqt t;

	switch (ch) {
	case O_STRICT:
		c->rec.strict = 1;
		return 1;
	case O_REJECTS:
		c->rec.rejects = arg;
		return 1;
	case O_MAXLINE:
		if (parse_size(arg, &c->rec.max_line) < 0) {
			yq_warnx("invalid size for --max-line: '%s'", arg);
			c->exit_status = YQ_EXIT_USAGE;
			return YQ_GETOPT_EXIT;
		}
		return 1;
	case 'q':
		c->quiet = 1;
		c->rec.progress = 0;
		return 1;
	case 'o':
		c->output = arg;
		return 1;
	case O_NOW:
		if (yqt_parse(arg, time(NULL), &t) < 0) {
			yq_warnx("invalid time for --now: '%s'", arg);
			c->exit_status = YQ_EXIT_USAGE;
			return YQ_GETOPT_EXIT;
		}
		c->now = t.t;
		c->now_set = 1;
		return 1;
	case O_DB:
		c->db = arg;
		return 1;
	case O_NOSTATE:
		c->no_state = 1;
		return 1;
	case 'h':
		yq_usage(cmd, stdout);
		c->exit_status = YQ_EXIT_OK;
		return YQ_GETOPT_EXIT;
	case O_VERSION:
		printf("%s (yq) %s\n", cmd->name, YQ_VERSION);
		c->exit_status = YQ_EXIT_OK;
		return YQ_GETOPT_EXIT;
	case O_HELPOPTS:
		help_options(cmd);
		c->exit_status = YQ_EXIT_OK;
		return YQ_GETOPT_EXIT;
	}
	return 0;
}

/* Is val one of the shared options cmd takes (and not the tool's own)? */
static int
is_shared(const struct yq_cmd *cmd, int val)
{
	const struct yq_option *t[NTABLES], *o;
	int i;

	if (val == O_HELPOPTS)
		return 1;
	tables(cmd, t);
	for (i = 1; t[i] != NULL; i++)
		for (o = t[i]; o->name != NULL; o++)
			if (o->val == val)
				return 1;
	if (cmd->options == NULL)
		for (o = t[0]; o->name != NULL; o++)
			if (o->val == val)
				return 1;
	return 0;
}

int
yq_getopt(const struct yq_cmd *cmd, int argc, char **argv,
    struct yq_common *c, const char **arg)
{
	static struct option lopts[128];
	static char sopts[256];
	static const struct yq_cmd *built;
	const struct yq_option *t[NTABLES], *o;
	int i, n = 0, ch, r;
	size_t s = 0;

	if (built != cmd) {
		tables(cmd, t);
		sopts[s++] = ':';	/* a missing argument returns ':' */
		for (i = 0; t[i] != NULL; i++)
			for (o = t[i]; o->name != NULL && n < 126; o++) {
				lopts[n].name = o->name;
				lopts[n].has_arg = o->has_arg ? required_argument : no_argument;
				lopts[n].flag = NULL;
				lopts[n++].val = o->val;
				if (is_short(o->val) && s < sizeof sopts - 3) {
					sopts[s++] = o->val;
					if (o->has_arg)
						sopts[s++] = ':';
				}
			}
		lopts[n++] = (struct option){ "help-options", no_argument, NULL, O_HELPOPTS };
		memset(&lopts[n], 0, sizeof lopts[n]);
		sopts[s] = '\0';
		built = cmd;
	}
	opterr = 0;
	*arg = NULL;
	for (;;) {
		ch = getopt_long(argc, argv, sopts, lopts, NULL);
		if (ch == -1)
			return -1;
		if (ch == '?') {
			if (optopt != 0)
				yq_warnx("unknown option '-%c'", optopt);
			else
				yq_warnx("unknown option '%s'", argv[optind - 1]);
			return usage_error(cmd, c);
		}
		if (ch == ':') {
			yq_warnx("option '%s' needs an argument", argv[optind - 1]);
			return usage_error(cmd, c);
		}
		*arg = optarg;
		if (!is_shared(cmd, ch))
			return ch;
		r = shared(cmd, c, ch, optarg);
		if (r == YQ_GETOPT_EXIT)
			return r;
	}
}

long long
yq_strtonum(const char *s, long long min, long long max, const char **errstr)
{
	char *end;
	long long v;

	*errstr = NULL;
	errno = 0;
	if (s == NULL || *s == '\0' || min > max) {
		*errstr = "invalid";
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}

double
yq_strtod(const char *s, double min, double max, const char **errstr)
{
	const char *p = s;
	char *end;
	double v;

	*errstr = "invalid";
	if (s == NULL)
		return 0;
	/* strtod also takes nan, inf and 0x1p3: only decimal digits here. */
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9') && !(*p == '.' && p[1] >= '0' && p[1] <= '9'))
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || strpbrk(s, "xX") != NULL)
		return 0;
	if (v < min) {
		*errstr = "too small";
		return 0;
	}
	if (v > max || errno == ERANGE) {
		*errstr = v > max ? "too large" : "out of range";
		return 0;
	}
	*errstr = NULL;
	return v;
}

long
yq_duration(const char *s)
{
	long total = 0, v;
	char *end;
	int any = 0;

	if (s == NULL || *s == '\0')
		return -1;
	while (*s != '\0') {
		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno != 0 || v > 100L * 365 * 86400)
			return -1;
		switch (*end) {
		case 'd': v *= 86400; end++; break;
		case 'h': v *= 3600; end++; break;
		case 'm': v *= 60; end++; break;
		case 's': end++; break;
		case '\0':
			if (any)
				return -1;	/* "1h30" is ambiguous */
			break;
		default:
			return -1;
		}
		total += v;
		any = 1;
		s = end;
	}
	return total;
}
