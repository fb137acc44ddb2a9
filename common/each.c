/*
 * each.c: the filter loop and the exit status of a run, written once
 * for every tool (they were six copies).
 */
#include "each.h"
#include "yq.h"

int
rec_each(struct rec_in *in, int n, char **operands, each_fn *fn, void *ctx,
    int *failed)
{
	json_t *obj;
	int i, r;

	for (i = 0; i < n || i == 0; i++) {
		if (rec_in_open(in, i < n ? operands[i] : "-") < 0) {
			*failed = 1;
			continue;
		}
		while ((r = rec_in_next(in, &obj)) != REC_EOF) {
			if (r == REC_ERR) {
				*failed = 1;
				break;
			}
			if (r == REC_BAD) {
				if (rec_in_strict(in))
					return 0;
				continue;
			}
			r = fn(ctx, in, obj);
			json_decref(obj);
			if (r == EACH_STOP)
				return -1;
			if (r == EACH_REJECTED && rec_in_strict(in))
				return 0;
		}
	}
	return 0;
}

int
rec_finish(struct rec_in *in, struct rec_out *out, int failed)
{
	struct rec_stats st;

	if (rec_in_free(in, &st) < 0)	/* the rejects file */
		failed = 1;
	if (rec_out_broken(out)) {
		rec_out_close(out, 0);
		return YQ_EXIT_OK;
	}
	/* An input not read (reported) leaves the -o file as it was. */
	if (rec_out_close(out, failed) < 0 || failed)
		return YQ_EXIT_IO;
	return st.bad > 0 ? YQ_EXIT_USAGE : YQ_EXIT_OK;
}
