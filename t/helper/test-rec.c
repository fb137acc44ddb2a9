/*
 * test-rec: copies records through the common record layer, adding
 * nothing, so the shell tests can exercise the bad-input policy end to
 * end.  It is also the smallest complete yq main: options from a table,
 * a loop over inputs, the exit status decided here.
 */
#include <stdio.h>

#include "opt.h"
#include "record.h"
#include "yq.h"

static const struct yq_option options[] = {
	{ "count", 'c', 0, NULL, "print the counts on stderr at the end" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"test-rec", "[options] [file ...]", "copy records through the record layer",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT
};

/* Copy one input; 0, 1 after a read error, -1 when the caller must stop. */
static int
copy(struct rec_in *in, struct rec_out *out)
{
	json_t *obj;
	int r;

	while ((r = rec_in_next(in, &obj)) != REC_EOF) {
		if (r == REC_BAD) {
			if (rec_in_strict(in))
				return -1;
			continue;
		}
		if (r == REC_ERR)
			return 1;
		r = rec_out_write(out, obj);
		json_decref(obj);
		if (r < 0)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct rec_stats st;
	struct rec_in *in;
	struct rec_out *out;
	const char *arg;
	int ch, i, count = 0, failed = 0, stop = 0;

	yq_common_init(&c, argv[0]);
	while ((ch = yq_getopt(&cmd, argc, argv, &c, &arg)) != -1) {
		if (ch == YQ_GETOPT_EXIT)
			return c.exit_status;
		if (ch == 'c')
			count = 1;
	}
	if ((in = rec_in_new(&c.rec)) == NULL)
		return YQ_EXIT_IO;
	if ((out = rec_out_open(c.output)) == NULL) {
		rec_in_free(in, NULL);
		return YQ_EXIT_IO;
	}
	for (i = optind; !stop && (i < argc || i == optind); i++) {
		if (rec_in_open(in, i < argc ? argv[i] : "-") < 0) {
			failed = 1;
			continue;
		}
		switch (copy(in, out)) {
		case -1:
			stop = 1;
			break;
		case 1:
			failed = 1;
			break;
		}
	}
	if (rec_in_free(in, &st) < 0)
		failed = 1;
	if (count)
		fprintf(stderr, "test-rec: %lu records, %lu bad, %lu repaired\n",
		    st.records, st.bad, st.repaired);
	/* A reader that went away is no failure of ours. */
	if (rec_out_broken(out)) {
		rec_out_close(out, 0);
		return YQ_EXIT_OK;
	}
	if (rec_out_close(out, 0) < 0 || failed)
		return YQ_EXIT_IO;
	return st.bad > 0 ? YQ_EXIT_USAGE : YQ_EXIT_OK;
}
