/*
 * Fuzz yq-explore's command lines (cmd_run): each line of the input is
 * a command run on a store loaded once from the explore test data; the
 * selection is put back after each input.  Lines with a '|' anywhere
 * (a command piped to a shell) and the export command are skipped: they
 * run a shell or write files.
 */
/* fuzz-max-len: 4096 */
#include "fuzz.h"
#include "explore.h"

static struct store s;

static void
setup(void)
{
	store_init(&s);
	s.quiet = 1;
	if (store_load(&s, YQ_BUILD_DATADIR "/../t/data/explore/small.ndjson", 0) != 0)
		abort();
	store_ready(&s);
	if ((s.out = fopen("/dev/null", "w")) == NULL)
		abort();
}

static int
unsafe(const char *line)
{
	if (strchr(line, '|') != NULL)
		return 1;
	line += strspn(line, " \t");
	return strncmp(line, "export", 6) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_str(data, size), *line, *save;
	int quit = 0;

	if (s.rec == NULL)
		setup();
	for (line = strtok_r(buf, "\n", &save); line != NULL && !quit;
	    line = strtok_r(NULL, "\n", &save))
		if (!unsafe(line))
			(void)cmd_run(&s, line, &quit);
	while (store_undo(&s) == 0)
		;
	s.timer = 0;
	free(buf);
	return 0;
}
