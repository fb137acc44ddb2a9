/*
 * opt.h: one option table per tool, from which getopt_long's table, the
 * --help text and the machine-readable list behind the completions and
 * the man-page check are all made, so they cannot drift apart.
 *
 * Options shared by many tools are switched on by groups (YQ_OPT_IO ...)
 * and parsed here once into struct yq_common.
 */
#ifndef YQ_OPT_H
#define YQ_OPT_H

#include <getopt.h>	/* optind: the first operand after yq_getopt */
#include <time.h>
#include "record.h"

struct yq_option {
	const char *name;	/* long name without "--" */
	int val;		/* returned by yq_getopt; a letter is also -X */
	int has_arg;		/* 0: none, 1: required */
	const char *argname;	/* "FILE", "N", "DUR"; NULL when no argument */
	const char *help;	/* one line, no full stop */
};

/* Groups of shared options. */
#define YQ_OPT_IO	0x01	/* --strict --rejects FILE --max-line N --quiet */
#define YQ_OPT_OUTPUT	0x02	/* -o/--output FILE */
#define YQ_OPT_NOW	0x04	/* --now TIME */
#define YQ_OPT_STATE	0x08	/* --db FILE --no-state */

struct yq_cmd {
	const char *name;		/* "yq-seg" or "yq-score train" */
	const char *synopsis;		/* "[options] [file ...]" */
	const char *summary;		/* one line: what it does */
	const struct yq_option *options;/* the tool's own, ended by {0} */
	unsigned groups;		/* YQ_OPT_* */
};

/*
 * Name the tool's subcommands, for --help and the completions: name,
 * help, name, help, ..., NULL (static storage).  The tool parses argv[1]
 * itself; call this before yq_getopt.
 */
void yq_subcommands(const char *const *list);

/*
 * Name the tables of the subcommands that take options, for
 * --help-options: a NULL-terminated list of commands named "TOOL SUB"
 * (static storage).  Each option of SUB is listed as the tool's own
 * are, its first field prefixed by "SUB " ("answer --at").  Call this
 * before yq_getopt.
 */
void yq_subcommand_tables(const struct yq_cmd *const *list);

/* Values of the shared options after parsing. */
struct yq_common {
	struct rec_opts rec;
	const char *output;	/* -o FILE, or NULL for stdout */
	int quiet;
	time_t now;		/* --now, else the current time */
	int now_set;
	const char *db;		/* --db FILE, or NULL */
	int no_state;
	int exit_status;	/* set when yq_getopt returns YQ_GETOPT_EXIT */
};

#define YQ_GETOPT_EXIT	(-2)

/*
 * Initialise c (now = time(NULL)) and set the program name from argv[0].
 */
void yq_common_init(struct yq_common *c, const char *argv0);

/*
 * getopt_long over cmd's table and its groups.  Returns the val of the
 * tool's next option (its argument in *arg), -1 when options end (optind
 * is the first operand), or YQ_GETOPT_EXIT when the caller must return
 * c->exit_status at once: after --help (usage on stdout, 0), --version
 * (0), --help-options (0), or a bad option or bad shared-option value
 * (usage or message on stderr, 2).
 */
int yq_getopt(const struct yq_cmd *cmd, int argc, char **argv,
    struct yq_common *c, const char **arg);

/* Print the usage text (synopsis, summary, every option) to fp. */
void yq_usage(const struct yq_cmd *cmd, FILE *fp);

/*
 * Parse a whole number in [min, max].  On error returns 0 and sets
 * *errstr to "invalid", "too small" or "too large" (OpenBSD strtonum).
 */
long long yq_strtonum(const char *s, long long min, long long max,
    const char **errstr);

/*
 * Parse a decimal number in [min, max], as yq_strtonum does a whole one:
 * digits with an optional sign, point and exponent; never empty, "nan",
 * "inf" or hexadecimal.  On error returns 0 and sets *errstr.
 */
double yq_strtod(const char *s, double min, double max, const char **errstr);

/*
 * Parse a duration: "90" (seconds), "30s", "15m", "6h", "2d", "1h30m".
 * Returns seconds, or -1 when s is not a duration.
 */
long yq_duration(const char *s);

#endif
