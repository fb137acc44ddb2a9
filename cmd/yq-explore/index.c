/*
 * index.c: yq-explore's on-disk index, DIR/index.db (SQLite).  For every
 * record of the archive files it was given it keeps where the line is
 * (file, byte offset, length), the record's kind, time and a hash of its
 * id, and in an FTS5 table its words and the values of the fields
 * queries filter on.  The archive stays the one copy of the records:
 * they are read back at their offsets, and the index can be dropped and
 * built again from it.
 *
 * A record's key is its file's number times 2^32 plus its line number,
 * so keys run in the order the files were added and their lines: the
 * order yq-explore loads the same files in.  Each file's indexed size
 * and checksums of its first and last indexed bytes tell a file that
 * grew (read from where the index stopped) from one that changed, was
 * truncated or removed (a stale index, reported, never read).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "explore.h"
#include "record.h"
#include "utf8.h"
#include "yq.h"
#include "yqtime.h"
#include "../yq-seg/seg.h"

#define IDX_VERSION 1
#define SUMLEN 4096		/* bytes checksummed at each end of a file */
#define BATCH 50000		/* records a transaction */
#define FIELD_SAMPLE 20000	/* as store.c */

/* Fields whose values are terms of the FTS table: `where F=V` reads them. */
const char *const idx_tagged[] = {
	"kind", "platform", "source", "author", "event_id", "categories",
	"topics", "sentiment.label", "places.code", "places.name", "warning",
	NULL
};

struct xfile {
	char *path;
	int fd;			/* -1 until read from */
	unsigned long long size;	/* bytes indexed */
	unsigned long lines;
};

struct xindex {
	sqlite3 *db;
	char *dir, *dbpath;
	struct xfile *files;	/* by id - 1 */
	size_t nfiles;
	sqlite3_stmt *get;	/* off, len, flags, t of a key */
	char *buf;
	size_t bufcap;
	struct xrec rec;	/* the record last read back */
	char *line;		/* its line, when encoded afresh */
};

static const char schema[] =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	"CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS files(id INTEGER PRIMARY KEY,"
	" path TEXT UNIQUE NOT NULL, size INTEGER NOT NULL,"
	" lines INTEGER NOT NULL, head INTEGER NOT NULL, tail INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS recs(key INTEGER PRIMARY KEY,"
	" off INTEGER NOT NULL, len INTEGER NOT NULL, flags INTEGER NOT NULL,"
	" t INTEGER, h INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS recs_t ON recs(t);"
	"CREATE INDEX IF NOT EXISTS recs_h ON recs(h);"
	"CREATE TABLE IF NOT EXISTS fields(path TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5(doc, content='',"
	" detail=none, tokenize='yq');"
	"INSERT OR IGNORE INTO meta VALUES('version', 1), ('posts', 0),"
	" ('events', 0);";

/* ------------------------------------------------------------ tokenizer */

/*
 * The terms of a document are its pieces between WORD_SEP bytes, as
 * they are: words and field values are matched exactly, byte for byte,
 * as the in-memory path compares them.
 */
static int
tok_create(void *ctx, const char **av, int ac, Fts5Tokenizer **out)
{
	(void)av;
	(void)ac;
	*out = (Fts5Tokenizer *)ctx;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int
tok_split(Fts5Tokenizer *t, void *ctx, int flags, const char *s, int n,
    int (*tok)(void *, int, const char *, int, int, int))
{
	int i = 0, j, rc;

	(void)t;
	(void)flags;
	while (i < n) {
		for (j = i; j < n && s[j] != WORD_SEP; j++)
			;
		if (j > i && (rc = tok(ctx, 0, s + i, j - i, i, j)) != SQLITE_OK)
			return rc;
		i = j + 1;
	}
	return SQLITE_OK;
}

static int
register_tokenizer(sqlite3 *db)
{
	static fts5_tokenizer tk = { tok_create, tok_delete, tok_split };
	static int ctx;
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		return -1;
	return api->xCreateTokenizer(api, "yq", &ctx, &tk, NULL) == SQLITE_OK ? 0 : -1;
}

/* ------------------------------------------------------------ opening */

static int
corrupt(struct xindex *ix)
{
	int e = sqlite3_errcode(ix->db);

	if (e == SQLITE_BUSY || e == SQLITE_LOCKED)
		yq_warnx("index '%s' is busy for 30 s: another update holds it",
		    ix->dir);
	else
		yq_warnx("index '%s' is corrupt: %s (rebuild it with 'yq-explore "
		    "--index %s --rebuild')", ix->dir, sqlite3_errmsg(ix->db),
		    ix->dir);
	return -1;
}

long long
idx_meta(struct xindex *ix, const char *k)
{
	sqlite3_stmt *st;
	long long v = 0;

	if (sqlite3_prepare_v2(ix->db, "SELECT v FROM meta WHERE k=?", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
load_files(struct xindex *ix)
{
	sqlite3_stmt *st;
	long long id;

	if (sqlite3_prepare_v2(ix->db, "SELECT id, path, size, lines FROM files"
	    " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return corrupt(ix);
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || id > 1000000) {
			sqlite3_finalize(st);
			yq_warnx("index '%s' is corrupt: file number %lld", ix->dir, id);
			return -1;
		}
		if ((size_t)id > ix->nfiles) {
			ix->files = xrealloc(ix->files, id * sizeof *ix->files);
			memset(ix->files + ix->nfiles, 0,
			    (id - ix->nfiles) * sizeof *ix->files);
			ix->nfiles = id;
		}
		ix->files[id - 1].path = xstrdup((const char *)sqlite3_column_text(st, 1));
		ix->files[id - 1].fd = -1;
		ix->files[id - 1].size = sqlite3_column_int64(st, 2);
		ix->files[id - 1].lines = sqlite3_column_int64(st, 3);
	}
	return sqlite3_finalize(st) == SQLITE_OK ? 0 : corrupt(ix);
}

struct xindex *
idx_open(const char *dir, int create)
{
	struct xindex *ix = xcalloc(1, sizeof *ix);
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

	ix->dir = xstrdup(dir);
	ix->dbpath = xasprintf("%s/index.db", dir);
	if (create && mkdir(dir, 0777) < 0 && errno != EEXIST) {
		yq_warn("cannot create '%s'", dir);
		goto fail;
	}
	if (!create && stat(ix->dbpath, &sb) < 0) {
		yq_warnx("no index in '%s' (build one with 'yq-explore --index %s "
		    "--update FILE...')", dir, dir);
		goto fail;
	}
	if (sqlite3_open_v2(ix->dbpath, &ix->db, flags, NULL) != SQLITE_OK) {
		yq_warnx("cannot open index '%s': %s", ix->dbpath,
		    ix->db ? sqlite3_errmsg(ix->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(ix->db, 30000);
	if (register_tokenizer(ix->db) < 0) {
		yq_warnx("SQLite has no FTS5: cannot use index '%s'", dir);
		goto fail;
	}
	if (create && sqlite3_exec(ix->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		corrupt(ix);
		goto fail;
	}
	if (idx_meta(ix, "version") != IDX_VERSION) {
		if (sqlite3_errcode(ix->db) != SQLITE_OK)
			corrupt(ix);
		else
			yq_warnx("index '%s' is not of this version of yq-explore "
			    "(rebuild it with 'yq-explore --index %s --rebuild')",
			    dir, dir);
		goto fail;
	}
	if (load_files(ix) < 0)
		goto fail;
	if (sqlite3_prepare_v2(ix->db, "SELECT off, len, flags, t FROM recs"
	    " WHERE key=?", -1, &ix->get, NULL) != SQLITE_OK) {
		corrupt(ix);
		goto fail;
	}
	return ix;
fail:
	idx_close(ix);
	return NULL;
}

void
idx_close(struct xindex *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	sqlite3_finalize(ix->get);
	sqlite3_close(ix->db);
	for (i = 0; i < ix->nfiles; i++) {
		free(ix->files[i].path);
		if (ix->files[i].fd >= 0)
			close(ix->files[i].fd);
	}
	free(ix->files);
	json_decref(ix->rec.obj);
	free(ix->line);
	free(ix->buf);
	free(ix->dir);
	free(ix->dbpath);
	free(ix);
}

sqlite3 *
idx_db(struct xindex *ix)
{
	return ix->db;
}

const char *
idx_dir(struct xindex *ix)
{
	return ix->dir;
}

/* ------------------------------------------------------------ staleness */

/* FNV-1a of len bytes at off of fd; -1 as a sum when they cannot be read. */
static long long
checksum(int fd, unsigned long long off, size_t len)
{
	char buf[SUMLEN];
	ssize_t r;

	if (len > sizeof buf)
		len = sizeof buf;
	r = pread(fd, buf, len, (off_t)off);
	if (r < 0 || (size_t)r != len)
		return -1;
	return (long long)dict_hash(DICT_HASH_INIT, buf, len);
}

static long long
head_sum(int fd, unsigned long long size)
{
	return checksum(fd, 0, size < SUMLEN ? size : SUMLEN);
}

static long long
tail_sum(int fd, unsigned long long size)
{
	unsigned long long n = size < SUMLEN ? size : SUMLEN;

	return checksum(fd, size - n, n);
}

/*
 * What became of an indexed file: NULL when it is as indexed or only
 * grew, else what happened to it.  *grown is set when it grew.
 */
static const char *
file_fate(const char *path, unsigned long long size, long long head,
    long long tail, int *grown)
{
	struct stat sb;
	const char *fate = NULL;
	int fd;

	*grown = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? "was removed" : "cannot be read";
	if (fstat(fd, &sb) < 0)
		fate = "cannot be read";
	else if ((unsigned long long)sb.st_size < size)
		fate = "was truncated";
	else if (head_sum(fd, size) != head || tail_sum(fd, size) != tail)
		fate = "was changed";
	else
		*grown = (unsigned long long)sb.st_size > size;
	close(fd);
	return fate;
}

static void
say_stale(struct xindex *ix, const char *path, const char *fate)
{
	yq_warnx("index '%s' is stale: '%s' %s since it was indexed (rebuild it "
	    "with 'yq-explore --index %s --rebuild')", ix->dir, path, fate,
	    ix->dir);
}

int
idx_check(struct xindex *ix, int quiet)
{
	sqlite3_stmt *st;
	const char *path, *fate;
	int grown, r = 0, ngrown = 0;

	if (sqlite3_prepare_v2(ix->db, "SELECT path, size, head, tail FROM files"
	    " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return corrupt(ix);
	while (r == 0 && sqlite3_step(st) == SQLITE_ROW) {
		path = (const char *)sqlite3_column_text(st, 0);
		fate = file_fate(path, sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), &grown);
		if (fate != NULL) {
			say_stale(ix, path, fate);
			r = -1;
		} else if (grown && !quiet && ngrown++ == 0)
			yq_warnx("'%s' has lines the index has not read yet (update it "
			    "with 'yq-explore --index %s --update')", path, ix->dir);
	}
	sqlite3_finalize(st);
	return r;
}

/* ------------------------------------------------------------ building */

struct build {
	struct xindex *ix;
	time_t now;
	int progress;
	sqlite3_stmt *ins, *term, *file, *field;
	json_t *fieldset;
	long long posts, events, tmin, tmax;
	unsigned long long done;	/* records, for progress */
	/* The document of one record: its words, then its field values. */
	char *doc;
	size_t doclen, doccap;
};

static void
doc_add(struct build *b, char kind, const char *a, size_t an, const char *c,
    size_t cn)
{
	if (b->doclen + an + cn + 3 > b->doccap) {
		b->doccap = (b->doclen + an + cn + 3) * 2;
		b->doc = xrealloc(b->doc, b->doccap);
	}
	b->doc[b->doclen++] = kind;
	memcpy(b->doc + b->doclen, a, an);
	b->doclen += an;
	memcpy(b->doc + b->doclen, c, cn);
	b->doclen += cn;
	b->doc[b->doclen++] = WORD_SEP;
}

static void
word_cb(const char *w, size_t n, void *arg)
{
	doc_add(arg, 'w', w, n, "", 0);
}

struct tagctx {
	struct build *b;
	const char *path;
};

static void
tag_cb(json_t *v, void *arg)
{
	struct tagctx *x = arg;
	char buf[64], *pre;
	const char *s = scalar_text(v, buf, sizeof buf);

	if (memchr(s, WORD_SEP, strlen(s)) != NULL)
		return;
	pre = xasprintf("%s=", x->path);
	doc_add(x->b, 't', pre, strlen(pre), s, strlen(s));
	free(pre);
	if (json_is_number(v)) {
		pre = xasprintf("%s#", x->path);
		snprintf(buf, sizeof buf, "%.17g", json_number_value(v));
		doc_add(x->b, 't', pre, strlen(pre), buf, strlen(buf));
		free(pre);
	}
}

static const char *
bind_insert(struct build *b, json_t *obj, unsigned long long key,
    unsigned long long start, unsigned long long end, int encoded)
{
	const char *kind = rec_str(obj, "kind"), *ts, *id;
	int ev = kind != NULL && strcmp(kind, "event") == 0, has_t;
	struct yqt t;
	sqlite3_stmt *st = b->ins;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, (long long)key);
	sqlite3_bind_int64(st, 2, (long long)start);
	sqlite3_bind_int64(st, 3, (long long)(end - start));
	ts = rec_str(obj, ev ? "first_seen" : "published_at");
	has_t = ts != NULL && yqt_parse(ts, b->now, &t) == 0;
	if (has_t) {
		sqlite3_bind_int64(st, 5, t.t);
		if (b->tmin == 0 || t.t < b->tmin)
			b->tmin = t.t;
		if (t.t > b->tmax)
			b->tmax = t.t;
	} else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 4, ev | has_t << 1 | encoded << 2);
	id = rec_str(obj, ev ? "event_id" : "id");
	sqlite3_bind_int64(st, 6, id ? idx_hash(id) : 0);
	if (ev)
		b->events++;
	else
		b->posts++;
	if (ev || b->posts <= FIELD_SAMPLE)
		fields_collect(b->fieldset, obj);
	return sqlite3_step(st) == SQLITE_DONE ? NULL : "cannot add a record";
}

static int
add_record(struct build *b, json_t *obj, unsigned long long key,
    unsigned long long start, unsigned long long end, int encoded)
{
	struct tagctx x;
	int i;

	if (bind_insert(b, obj, key, start, end, encoded) != NULL)
		return corrupt(b->ix);
	b->doclen = 0;
	if (words_each(obj, word_cb, b) < 0)
		return -1;
	x.b = b;
	for (i = 0; idx_tagged[i] != NULL; i++) {
		x.path = idx_tagged[i];
		path_each(obj, x.path, tag_cb, &x);
	}
	sqlite3_reset(b->term);
	sqlite3_bind_int64(b->term, 1, (long long)key);
	sqlite3_bind_text(b->term, 2, b->doc ? b->doc : "", (int)b->doclen,
	    SQLITE_STATIC);
	if (sqlite3_step(b->term) != SQLITE_DONE)
		return corrupt(b->ix);
	return 0;
}

/* Save what is known of file id and the counts, and commit. */
static int
checkpoint(struct build *b, long long id, const char *path, int fd,
    unsigned long long size, unsigned long lines)
{
	sqlite3 *db = b->ix->db;
	char *sql;
	const char *key;
	json_t *v;
	int r;

	sqlite3_reset(b->file);
	sqlite3_bind_int64(b->file, 1, id);
	sqlite3_bind_text(b->file, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(b->file, 3, (long long)size);
	sqlite3_bind_int64(b->file, 4, (long long)lines);
	sqlite3_bind_int64(b->file, 5, head_sum(fd, size));
	sqlite3_bind_int64(b->file, 6, tail_sum(fd, size));
	if (sqlite3_step(b->file) != SQLITE_DONE)
		return corrupt(b->ix);
	json_object_foreach(b->fieldset, key, v) {
		sqlite3_reset(b->field);
		sqlite3_bind_text(b->field, 1, key, -1, SQLITE_STATIC);
		sqlite3_step(b->field);
	}
	json_object_clear(b->fieldset);
	sql = sqlite3_mprintf("UPDATE meta SET v=%lld WHERE k='posts';"
	    "UPDATE meta SET v=%lld WHERE k='events';"
	    "INSERT OR REPLACE INTO meta VALUES('tmin', %lld), ('tmax', %lld);"
	    "COMMIT; BEGIN IMMEDIATE;", b->posts, b->events, b->tmin, b->tmax);
	r = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	return r == SQLITE_OK ? 0 : corrupt(b->ix);
}

/* Number and indexed extent of path, or a new number; -1 when stale. */
static long long
file_entry(struct build *b, const char *path, unsigned long long *size,
    unsigned long *lines)
{
	struct xindex *ix = b->ix;
	sqlite3_stmt *st;
	const char *fate;
	long long id = 0;
	int grown;

	*size = 0;
	*lines = 0;
	if (sqlite3_prepare_v2(ix->db, "SELECT id, size, lines, head, tail FROM"
	    " files WHERE path=?", -1, &st, NULL) != SQLITE_OK)
		return corrupt(ix);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*size = sqlite3_column_int64(st, 1);
		*lines = sqlite3_column_int64(st, 2);
		fate = file_fate(path, *size, sqlite3_column_int64(st, 3),
		    sqlite3_column_int64(st, 4), &grown);
		if (fate != NULL) {
			say_stale(ix, path, fate);
			id = -1;
		}
	}
	sqlite3_finalize(st);
	if (id != 0)
		return id;
	if (sqlite3_prepare_v2(ix->db, "SELECT coalesce(max(id), 0) + 1 FROM files",
	    -1, &st, NULL) != SQLITE_OK)
		return corrupt(ix);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* Refuse what cannot be read back at an offset: not a plain file. */
static int
plain_file(const char *path, int *fdp)
{
	struct stat sb;
	unsigned char m[2];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		yq_warnx("cannot index '%s': not a regular file", path);
		close(fd);
		return -1;
	}
	if (pread(fd, m, 2, 0) == 2 && m[0] == 0x1f && m[1] == 0x8b) {
		yq_warnx("cannot index '%s': it is compressed (index the plain file)",
		    path);
		close(fd);
		return -1;
	}
	*fdp = fd;
	return 0;
}

/*
 * Where the whole lines of fd end: its size, unless its last line has no
 * newline and is not a record yet (a writer is in the middle of it): it
 * is read once it is whole.
 */
static unsigned long long
whole_end(int fd, unsigned long long from)
{
	struct stat sb;
	unsigned long long size, start;
	char c, *buf;
	json_t *obj;
	size_t n;

	if (fstat(fd, &sb) < 0)
		return from;
	size = sb.st_size;
	if (size <= from || (pread(fd, &c, 1, size - 1) == 1 && c == '\n'))
		return size;
	for (start = size - 1; start > from; start--)
		if (pread(fd, &c, 1, start - 1) != 1 || c == '\n')
			break;
	n = size - start;
	if (n > REC_MAX_LINE_DEFAULT)
		return size;
	buf = xmalloc(n);
	obj = pread(fd, buf, n, start) == (ssize_t)n ?
	    json_loadb(buf, n, 0, NULL) : NULL;
	free(buf);
	json_decref(obj);
	return obj != NULL ? size : start;
}

/*
 * Read path (named name in messages) from where the index stopped.  Bad
 * lines are counted in *bad; -1: give up.
 */
static int
index_file(struct build *b, const char *path, const char *name, long *bad)
{
	struct rec_opts o = { 0, 0, NULL, 0 };
	struct rec_in *in;
	struct rec_stats rs;
	unsigned long long size, start, end, limit;
	unsigned long lines, since = 0;
	long long id;
	size_t rawlen;
	json_t *obj;
	int r, fd, fail = 0;

	if (plain_file(name, &fd) < 0)
		return -1;
	if ((id = file_entry(b, path, &size, &lines)) < 0) {
		close(fd);
		return -1;
	}
	limit = whole_end(fd, size);
	in = rec_in_new(&o);
	if (rec_in_open_at(in, name, size, lines) < 0) {
		rec_in_free(in, NULL);
		close(fd);
		return -1;
	}
	while (!fail && size < limit && (r = rec_in_next(in, &obj)) != REC_EOF) {
		if (r == REC_ERR) {
			fail = 1;
			break;
		}
		rec_in_span(in, &start, &end);
		size = end;
		lines = rec_in_lineno(in);
		if (r == REC_BAD)
			continue;
		if (lines > UINT32_MAX) {
			yq_warnx("cannot index '%s': more than 2^32 lines", name);
			fail = 1;
		} else if (add_record(b, obj, (unsigned long long)id << 32 | lines,
		    start, end, rec_in_raw(in, &rawlen) == NULL) < 0)
			fail = 1;
		json_decref(obj);
		if (!fail && ++since % BATCH == 0)
			fail = checkpoint(b, id, path, fd, size, lines) < 0;
		if (b->progress && ++b->done % 100000 == 0)
			fprintf(stderr, "\r%s: indexing %s: %llu records", yq_prog(),
			    path, b->done);
	}
	rec_in_free(in, &rs);
	*bad += rs.bad;
	if (!fail)
		fail = checkpoint(b, id, path, fd, size, lines) < 0;
	close(fd);
	return fail ? -1 : 0;
}

static int
build_begin(struct build *b, struct xindex *ix, time_t now, int progress)
{
	memset(b, 0, sizeof *b);
	b->ix = ix;
	b->now = now;
	b->progress = progress;
	b->fieldset = json_object();
	/*
	 * A page cache of 64 MB: the FTS index's pages are read and written
	 * again as it grows, and SQLite's 2 MB default sends most of that
	 * through the kernel.  One update at a time: the second waits, then
	 * reads what is new.
	 */
	if (sqlite3_exec(ix->db, "PRAGMA cache_size=-65536; BEGIN IMMEDIATE",
	    NULL, NULL, NULL) != SQLITE_OK)
		return corrupt(ix);
	b->posts = idx_meta(ix, "posts");
	b->events = idx_meta(ix, "events");
	b->tmin = idx_meta(ix, "tmin");
	b->tmax = idx_meta(ix, "tmax");
	if (sqlite3_prepare_v2(ix->db, "INSERT INTO recs VALUES(?,?,?,?,?,?)", -1,
	    &b->ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->db, "INSERT INTO terms(rowid, doc) VALUES(?,?)",
	    -1, &b->term, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->db, "INSERT OR REPLACE INTO files"
	    " VALUES(?,?,?,?,?,?)", -1, &b->file, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->db, "INSERT OR IGNORE INTO fields VALUES(?)",
	    -1, &b->field, NULL) != SQLITE_OK)
		return corrupt(ix);
	return 0;
}

static int
build_end(struct build *b, int ok)
{
	int r = 0;

	sqlite3_finalize(b->ins);
	sqlite3_finalize(b->term);
	sqlite3_finalize(b->file);
	sqlite3_finalize(b->field);
	if (sqlite3_exec(b->ix->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL,
	    NULL) != SQLITE_OK && ok)
		r = corrupt(b->ix);
	if (b->progress && b->done >= 100000)
		fputc('\n', stderr);
	json_decref(b->fieldset);
	free(b->doc);
	return r;
}

int
idx_update(struct xindex *ix, char *const *paths, int npaths, time_t now,
    int progress, long *bad)
{
	struct build b;
	char *abs;
	int i, fail = 0;
	size_t k;

	*bad = 0;
	if (build_begin(&b, ix, now, progress) < 0) {
		build_end(&b, 0);
		return -1;
	}
	/* No files named: every file already in the index. */
	for (k = 0; npaths == 0 && !fail && k < ix->nfiles; k++)
		if (ix->files[k].path != NULL)
			fail = index_file(&b, ix->files[k].path,
			    ix->files[k].path, bad) < 0;
	for (i = 0; !fail && i < npaths; i++) {
		if ((abs = realpath(paths[i], NULL)) == NULL) {
			yq_warn("cannot open '%s'", paths[i]);
			fail = 1;
			break;
		}
		fail = index_file(&b, abs, paths[i], bad) < 0;
		free(abs);
	}
	/* What was committed stays: a later --update goes on from there. */
	return build_end(&b, !fail) < 0 || fail ? -1 : 0;
}

int
idx_rebuild(const char *dir, char *const *paths, int npaths, time_t now,
    int progress, long *bad)
{
	struct xindex *ix;
	char **all, *p;
	size_t n = 0, i;
	int r;

	if ((ix = idx_open(dir, 1)) == NULL)
		return -1;
	all = xcalloc(ix->nfiles + npaths + 1, sizeof *all);
	for (i = 0; i < ix->nfiles; i++)
		if ((p = ix->files[i].path) != NULL) {
			if (access(p, F_OK) == 0)
				all[n++] = xstrdup(p);
			else
				yq_warnx("'%s' was removed: left out of the index", p);
		}
	for (r = 0; r < npaths; r++)
		all[n++] = xstrdup(paths[r]);
	p = xstrdup(ix->dbpath);
	idx_close(ix);
	r = 0;
	if ((unlink(p) < 0 && errno != ENOENT)) {
		yq_warn("cannot remove '%s'", p);
		r = -1;
	}
	for (i = 0; r == 0 && i < 2; i++) {
		char *side = xasprintf("%s%s", p, i == 0 ? "-wal" : "-shm");

		unlink(side);
		free(side);
	}
	free(p);
	if (r == 0 && (ix = idx_open(dir, 1)) != NULL) {
		r = idx_update(ix, all, (int)n, now, progress, bad);
		idx_close(ix);
	} else
		r = -1;
	for (i = 0; i < n; i++)
		free(all[i]);
	free(all);
	return r;
}

/* ------------------------------------------------------------ reading back */

unsigned long long
idx_hash(const char *s)
{
	/* SQLite integers are signed: keep the hash positive. */
	return dict_hash(DICT_HASH_INIT, s, strlen(s)) >> 1;
}

static void
stale_line(struct xindex *ix, const struct xfile *f, unsigned long long key,
    const char *why)
{
	die(YQ_EXIT_IO, "index '%s' is stale: '%s':%llu %s (rebuild it with "
	    "'yq-explore --index %s --rebuild')", ix->dir,
	    f ? f->path : "?", key & 0xffffffffu, why, ix->dir);
}

/* Read the line of key into ix->buf; its length in *n.  Dies when stale. */
static const struct xfile *
read_line(struct xindex *ix, unsigned long long key, size_t *n, int *flags,
    long long *t, int *has_t)
{
	unsigned long long fid = key >> 32, off;
	struct xfile *f = fid >= 1 && fid <= ix->nfiles ? &ix->files[fid - 1] : NULL;
	size_t len;
	ssize_t r;

	sqlite3_reset(ix->get);
	sqlite3_bind_int64(ix->get, 1, (long long)key);
	if (f == NULL || f->path == NULL || sqlite3_step(ix->get) != SQLITE_ROW)
		stale_line(ix, f, key, "is not in the index");
	off = sqlite3_column_int64(ix->get, 0);
	len = sqlite3_column_int64(ix->get, 1);
	*flags = sqlite3_column_int(ix->get, 2);
	*has_t = sqlite3_column_type(ix->get, 3) != SQLITE_NULL;
	*t = sqlite3_column_int64(ix->get, 3);
	if (f->fd < 0 && (f->fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0)
		stale_line(ix, f, key, "cannot be opened");
	if (len + 1 > ix->bufcap) {
		ix->bufcap = len + 1;
		ix->buf = xrealloc(ix->buf, ix->bufcap);
	}
	r = pread(f->fd, ix->buf, len, (off_t)off);
	if (r < 0 || (size_t)r != len || off + len > f->size ||
	    (off + len < f->size && ix->buf[len - 1] != '\n'))
		stale_line(ix, f, key, "is not where the index has it");
	if (len > 0 && ix->buf[len - 1] == '\n')
		len--;
	if (len > 0 && ix->buf[len - 1] == '\r')
		len--;
	ix->buf[len] = '\0';
	*n = len;
	return f;
}

/* The line of key as yq-explore shows and exports it. */
static const char *
line_of(struct xindex *ix, unsigned long long key, size_t *n, struct xrec *r)
{
	const struct xfile *f;
	json_t *obj;
	char *fixed = NULL, *p;
	size_t flen;
	long long t;
	int flags, has_t;

	f = read_line(ix, key, n, &flags, &t, &has_t);
	r->is_event = flags & 1;
	r->has_t = has_t;
	r->t = has_t ? (time_t)t : 0;
	p = ix->buf;
	if ((key & 0xffffffffu) == 1 && *n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		*n -= 3;
	}
	if (!(flags & 4))
		return p;
	/* Repaired or spaced out when read: written again, as when loaded. */
	if (utf8_valid_prefix(p, *n) != *n) {
		utf8_repair(p, *n, &fixed, &flen);
		p = fixed;
		*n = flen;
	}
	obj = json_loadb(p, *n, 0, NULL);
	free(fixed);
	if (obj == NULL)
		stale_line(ix, f, key, "is not a record");
	free(ix->line);
	ix->line = yq_json_dumps(obj, REC_DUMP_FLAGS);
	json_decref(obj);
	if (ix->line == NULL)
		die(YQ_EXIT_IO, "out of memory");
	*n = strlen(ix->line);
	return ix->line;
}

const char *
idx_line(struct xindex *ix, unsigned long long key, size_t *n)
{
	struct xrec r;

	return line_of(ix, key, n, &r);
}

const struct xrec *
idx_rec(struct xindex *ix, unsigned long long key)
{
	struct xrec *r = &ix->rec;
	size_t n;
	json_t *obj;

	json_decref(r->obj);
	r->obj = NULL;
	r->line = line_of(ix, key, &n, r);
	r->len = n;
	obj = json_loadb(r->line, n, 0, NULL);
	if (obj == NULL || !json_is_object(obj))
		stale_line(ix, &ix->files[(key >> 32) - 1], key, "is not a record");
	if (!r->is_event) {
		/* As loaded in memory: no filter sees the token arrays. */
		json_object_del(obj, "tokens");
		json_object_del(obj, "pos");
	}
	r->obj = obj;
	return r;
}

int
idx_head(struct xindex *ix, unsigned long long key, struct xrec *r)
{
	sqlite3_reset(ix->get);
	sqlite3_bind_int64(ix->get, 1, (long long)key);
	if (sqlite3_step(ix->get) != SQLITE_ROW)
		return -1;
	r->obj = NULL;
	r->line = NULL;
	r->is_event = sqlite3_column_int(ix->get, 2) & 1;
	r->has_t = sqlite3_column_type(ix->get, 3) != SQLITE_NULL;
	r->t = r->has_t ? sqlite3_column_int64(ix->get, 3) : 0;
	return 0;
}
