/* Unit tests of common/opt.c: numbers, durations, the parser, the help. */
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

#include "opt.h"
#include "tap.h"
#include "yq.h"

static const struct yq_option options[] = {
	{ "keywords", 'k', 1, "N", "add the N top keywords" },
	{ "pos", 'p', 0, NULL, "add part-of-speech tags" },
	{ "long-only", 300, 0, NULL, "an option without a letter" },
	{ 0 }
};
static const struct yq_cmd cmd = { "yq-test", "[options] [file ...]",
	"a test", options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW };

static void
test_numbers(void)
{
	const char *err;

	is_int(yq_strtonum("42", 0, 100, &err), 42, "strtonum");
	ok(err == NULL, "no error");
	yq_strtonum("101", 0, 100, &err);
	is_str(err, "too large", "too large");
	yq_strtonum("-1", 0, 100, &err);
	is_str(err, "too small", "too small");
	yq_strtonum("4x", 0, 100, &err);
	is_str(err, "invalid", "trailing junk");
	yq_strtonum("", 0, 100, &err);
	is_str(err, "invalid", "empty");
	is_int(yq_duration("90"), 90, "seconds");
	is_int(yq_duration("6h"), 21600, "hours");
	is_int(yq_duration("15m"), 900, "minutes");
	is_int(yq_duration("2d"), 172800, "days");
	is_int(yq_duration("1h30m"), 5400, "combined");
	is_int(yq_duration("1h30"), -1, "a bare number after a unit is refused");
	is_int(yq_duration("h"), -1, "no number");
	is_int(yq_duration(""), -1, "empty");
	is_int(yq_duration("5w"), -1, "unknown unit");
}

/*
 * An argv as getopt wants it, writable (string literals are const):
 * argv0, kept by the caller for good since yq_prog() points into it,
 * then copies of the NULL-terminated args.  Free it with argv_free().
 */
static char **
argv_new(char *argv0, const char *const *args)
{
	char **v;
	int i, n;

	for (n = 0; args[n] != NULL; n++)
		continue;
	v = xcalloc(n + 2, sizeof *v);
	v[0] = argv0;
	for (i = 0; i < n; i++)
		v[i + 1] = xstrdup(args[i]);
	return v;
}

static void
argv_free(char **v)
{
	int i;

	for (i = 1; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static void
test_parse(void)
{
	static char argv0[] = "./yq-test";
	static const char *const args[] = { "-k", "5", "--pos", "--strict",
	    "--max-line=2M", "-o", "out", "--now", "2026-11-20T08:00:00+08:00",
	    "--long-only", "file1", NULL };
	char **argv = argv_new(argv0, args);
	struct yq_common c;
	const char *arg;
	int ch, k = 0, pos = 0, lo = 0;

	yq_common_init(&c, argv[0]);
	optind = 1;
	while ((ch = yq_getopt(&cmd, 12, argv, &c, &arg)) != -1) {
		if (ch == 'k')
			k = atoi(arg);
		else if (ch == 'p')
			pos = 1;
		else if (ch == 300)
			lo = 1;
		else
			ok(0, "unexpected option");
	}
	is_int(k, 5, "tool option with argument");
	ok(pos && lo, "tool options without argument, with and without letter");
	ok(c.rec.strict, "--strict");
	is_int(c.rec.max_line, 2 << 20, "--max-line with suffix");
	is_str(c.output, "out", "-o");
	is_int(c.now, 1795132800, "--now (2026-11-20T00:00:00Z)");
	ok(c.now_set, "now_set");
	is_int(optind, 11, "operands start after the options");
	is_str(yq_prog(), "yq-test", "program name from argv[0]");
	argv_free(argv);
}

static int
run_opt(const char *a1, const char *a2)
{
	static char argv0[] = "yq-test";
	const char *const args[] = { a1, a2, NULL };
	char **argv = argv_new(argv0, args);
	struct yq_common c;
	const char *arg;
	int ch, status = -1;

	yq_common_init(&c, argv[0]);
	optind = 1;
	while ((ch = yq_getopt(&cmd, a2 ? 3 : 2, argv, &c, &arg)) != -1)
		if (ch == YQ_GETOPT_EXIT) {
			status = c.exit_status;
			break;
		}
	argv_free(argv);
	return status;
}

static void
test_errors(void)
{
	int fd = dup(2), null = open("/dev/null", O_WRONLY);

	/* The messages are the shell tests' business; keep TAP clean. */
	dup2(null, 2);
	close(null);
	is_int(run_opt("--bogus", NULL), 2, "unknown long option: status 2");
	is_int(run_opt("-z", NULL), 2, "unknown short option: status 2");
	is_int(run_opt("-k", NULL), 2, "missing argument: status 2");
	is_int(run_opt("--max-line", "12Q"), 2, "bad size: status 2");
	is_int(run_opt("--now", "yesterday-ish"), 2, "bad --now: status 2");
	dup2(fd, 2);
	close(fd);
}

/* Every group at once: the table list must hold them all (it once overflowed). */
static const struct yq_cmd allcmd = { "yq-all", "[file ...]", "all groups",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW | YQ_OPT_STATE };

static void
test_usage(void)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	yq_usage(&cmd, fp);
	fclose(fp);
	ok(strncmp(buf, "usage: yq-test [options] [file ...]\na test\n\n", 43) == 0,
	    "usage starts with the synopsis and summary");
	ok(strstr(buf, "  -k, --keywords N          add the N top keywords\n") != NULL,
	    "a short and long option with argument");
	ok(strstr(buf, "      --long-only           an option without a letter\n") != NULL,
	    "a long-only option");
	ok(strstr(buf, "  -o, --output FILE") != NULL, "the output group");
	ok(strstr(buf, "--db") == NULL, "no state group when not asked for");
	ok(strstr(buf, "  -h, --help ") != NULL, "help always");
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &n);
	yq_usage(&allcmd, fp);
	fclose(fp);
	ok(strstr(buf, "--no-state") != NULL && strstr(buf, "--version") != NULL,
	    "usage with every group lists the state group and --version");
	free(buf);
}

int
main(void)
{
	test_numbers();
	test_parse();
	test_errors();
	test_usage();
	return done();
}
