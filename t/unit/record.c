/* Unit tests of common/record.c: the line reader, rec_out, field helpers. */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "record.h"
#include "tap.h"
#include "yq.h"

static void
write_file(const char *path, const char *data, size_t n)
{
	FILE *fp = fopen(path, "wb");

	fwrite(data, 1, n, fp);
	fclose(fp);
}

static void
test_lines(void)
{
	struct linereader *lr;
	char *line;
	size_t len;

	static const char text[] = "\xef\xbb\xbf" "one\r\ntwo\n\nthree";

	write_file("lines.txt", text, sizeof text - 1);
	lr = lr_open("lines.txt", 0);
	ok(lr != NULL, "lr_open");
	is_int(lr_next(lr, &line, &len), REC_OK, "first line");
	is_str(line, "one", "BOM and CR removed");
	is_int(lr_next(lr, &line, &len), REC_OK, "second line");
	is_str(line, "two", "second line text");
	is_int(lr_next(lr, &line, &len), REC_OK, "an empty line is a line");
	is_int(len, 0, "of length 0");
	is_int(lr_next(lr, &line, &len), REC_OK, "last line without newline");
	is_str(line, "three", "last line text");
	is_int(lr_lineno(lr), 4, "line number");
	is_int(lr_next(lr, &line, &len), REC_EOF, "then the end");
	is_int(lr_close(lr), 0, "lr_close");
	ok(lr_open("no/such/file", 0) == NULL, "a missing file is NULL");
}

static void
test_long_lines(void)
{
	struct linereader *lr;
	char *big, *line;
	size_t len, n = 600000;

	/* Longer than the read buffer, so the line spans refills. */
	big = malloc(n * 2 + 4);
	memset(big, 'x', n);
	big[n] = '\n';
	memset(big + n + 1, 'y', 10);
	big[n + 11] = '\n';
	write_file("long.txt", big, n + 12);
	lr = lr_open("long.txt", 1000);
	is_int(lr_next(lr, &line, &len), REC_BAD, "a line over the limit is bad");
	is_str(lr_error(lr), "line too long (more than 1000 bytes)", "and says why");
	is_int(lr_next(lr, &line, &len), REC_OK, "the next line is read");
	is_int(len, 10, "whole");
	lr_close(lr);
	lr = lr_open("long.txt", 0);
	is_int(lr_next(lr, &line, &len), REC_OK, "under the default limit it is read");
	is_int(len, n, "whole, across refills");
	lr_close(lr);
	free(big);
}

static void
test_gzip(void)
{
	struct linereader *lr;
	gzFile gz = gzopen("z.gz", "wb");
	char *line;
	size_t len;

	gzputs(gz, "{\"a\":1}\n{\"b\":2}\n");
	gzclose(gz);
	lr = lr_open("z.gz", 0);
	is_int(lr_next(lr, &line, &len), REC_OK, "gzip input");
	is_str(line, "{\"a\":1}", "is inflated");
	lr_close(lr);
	/* Damage: only part of the compressed stream. */
	{
		FILE *fp = fopen("z.gz", "rb");
		char buf[64];
		size_t n = fread(buf, 1, sizeof buf, fp);

		fclose(fp);
		write_file("cut.gz", buf, n > 12 ? n - 12 : n);
	}
	lr = lr_open("cut.gz", 0);
	while ((len = lr_next(lr, &line, &len)) == REC_OK)
		;
	is_int((int)len, REC_ERR, "a truncated gzip file ends in an error");
	ok(strstr(lr_error(lr), "read error") != NULL, "saying so");
	lr_close(lr);
}

static void
test_out(void)
{
	struct rec_out *out;
	json_t *obj = json_pack("{s:s, s:i, s:f}", "b", "沄江", "a", 1, "h", 0.3);
	FILE *fp;
	char buf[128] = "";

	out = rec_out_open("out.ndjson");
	ok(out != NULL, "rec_out_open of a file");
	is_int(rec_out_write(out, obj), 0, "write");
	ok(access("out.ndjson", F_OK) != 0, "nothing at the path before close");
	is_int(rec_out_close(out, 0), 0, "close");
	fp = fopen("out.ndjson", "r");
	fgets(buf, sizeof buf, fp);
	fclose(fp);
	is_str(buf, "{\"b\":\"沄江\",\"a\":1,\"h\":0.3}\n", "compact, in order, UTF-8");
	out = rec_out_open("out.ndjson");
	rec_out_write(out, obj);
	rec_out_write(out, obj);
	is_int(rec_out_close(out, 1), 0, "abort");
	fp = fopen("out.ndjson", "r");
	fgets(buf, sizeof buf, fp);
	ok(fgets(buf, sizeof buf, fp) == NULL, "an aborted write leaves the old file");
	fclose(fp);
	ok(rec_out_open("no/such/dir/x") == NULL, "a file in a missing directory fails");
	json_decref(obj);
}

static void
test_raw(void)
{
	struct rec_opts o = { 0, 0, NULL };
	struct rec_in *in = rec_in_new(&o);
	json_t *obj;
	const char *raw;
	static const char raw_data[] = "{\"a\":\"x y\",\"b\":[1,2.50]}\r\n"
	    "{\"b\":\"\xff\"}\n{ \"a\" : 1 }\n{\"a\":1}\t\n";
	size_t len = 0;

	write_file("raw.ndjson", raw_data, sizeof raw_data - 1);
	rec_in_open(in, "raw.ndjson");
	rec_in_next(in, &obj);
	json_decref(obj);
	raw = rec_in_raw(in, &len);
	ok(raw != NULL && len == 24 && memcmp(raw, "{\"a\":\"x y\",\"b\":[1,2.50]}", 24) == 0,
	    "rec_in_raw gives the line as read, without CR");
	rec_in_next(in, &obj);
	json_decref(obj);
	ok(rec_in_raw(in, &len) == NULL, "and NULL when UTF-8 was repaired");
	rec_in_next(in, &obj);
	json_decref(obj);
	ok(rec_in_raw(in, &len) == NULL, "and NULL when not compact");
	rec_in_next(in, &obj);
	json_decref(obj);
	ok(rec_in_raw(in, &len) == NULL, "white space after the object too");
	rec_in_free(in, NULL);
}

/* rec_out_extend on one line of text, its result as a string. */
static char *
extend(const char *line, const char *add)
{
	struct rec_out *out = rec_out_open("ext.ndjson");
	json_t *obj = line ? json_loads(line, 0, NULL) :
	    json_loads("{\"id\":\"\\u0000\"}", JSON_ALLOW_NUL, NULL);
	json_t *a = json_loads(add, 0, NULL);
	static char buf[256];
	FILE *fp;

	buf[0] = '\0';
	rec_out_extend(out, obj, line, line ? strlen(line) : 0, a);
	rec_out_close(out, 0);
	json_decref(obj);
	json_decref(a);
	if ((fp = fopen("ext.ndjson", "r")) != NULL) {
		if (fgets(buf, sizeof buf, fp) == NULL)
			buf[0] = '\0';
		fclose(fp);
	}
	return buf;
}

static void
test_extend(void)
{
	is_str(extend("{\"id\":\"1\",\"t\":[\"甲\",\"乙\"]}", "{\"x\":1,\"y\":[]}"),
	    "{\"id\":\"1\",\"t\":[\"甲\",\"乙\"],\"x\":1,\"y\":[]}\n",
	    "extend: the members appended to the text");
	is_str(extend(" { \"id\" : \"\\u7532\" }  ", "{\"x\":1}"),
	    " { \"id\" : \"\\u7532\" ,\"x\":1}\n",
	    "extend: the text kept as read, spaces and escapes");
	is_str(extend("{}", "{\"x\":1,\"y\":2}"), "{\"x\":1,\"y\":2}\n",
	    "extend: an empty object takes no comma");
	is_str(extend("{ }", "{\"x\":1}"), "{ \"x\":1}\n",
	    "extend: nor does an empty object with a space");
	is_str(extend("{\"id\":\"1\"}", "{}"), "{\"id\":\"1\"}\n",
	    "extend: nothing to add");
	is_str(extend("{\"x\":0, \"id\":\"1\"}", "{\"y\":2,\"x\":1}"),
	    "{\"x\":1,\"id\":\"1\",\"y\":2}\n",
	    "extend: a key already there is set in place (encoded again)");
	/* No text (repaired UTF-8): encoded. */
	is_str(extend(NULL, "{\"x\":1}"), "{\"id\":\"\\u0000\",\"x\":1}\n",
	    "extend without text: encoded");
}

static void
test_fields(void)
{
	json_t *o = json_loads("{\"title\":\"T\",\"text\":\"body\",\"n\":3,\"r\":2.5,"
	    "\"s\":{\"label\":\"negative\"}}", 0, NULL);
	char *t;

	is_str(rec_str(o, "title"), "T", "rec_str");
	ok(rec_str(o, "n") == NULL, "rec_str of a number is NULL");
	is_str(json_string_value(rec_path(o, "s.label")), "negative", "rec_path");
	ok(rec_path(o, "s.nope") == NULL, "rec_path of a missing field");
	is_int(rec_int(o, "n", -1), 3, "rec_int");
	is_int(rec_int(o, "title", -1), -1, "rec_int default");
	ok(rec_num(o, "r", 0) == 2.5, "rec_num");
	t = rec_text(o);
	is_str(t, "T\nbody", "rec_text joins title and text");
	free(t);
	json_object_del(o, "title");
	t = rec_text(o);
	is_str(t, "body", "rec_text without a title");
	free(t);
	json_decref(o);
}

int
main(void)
{
	char dir[] = "/tmp/yq-unit-XXXXXX";

	if (mkdtemp(dir) == NULL || chdir(dir) != 0)
		return 1;
	test_lines();
	test_long_lines();
	test_gzip();
	test_out();
	test_raw();
	test_extend();
	test_fields();
	/* Remove this run's directory only: other tests run beside it. */
	if (chdir("/") == 0) {
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
		free(cmd);
	}
	return done();
}
