/* Unit tests of common/state.c and common/datapath.c. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datapath.h"
#include "state.h"
#include "tap.h"
#include "yq.h"

static const char *const v1[] = {
	"CREATE TABLE seen(id TEXT PRIMARY KEY, at INTEGER)",
};
static const char *const v2[] = {
	"CREATE TABLE seen(id TEXT PRIMARY KEY, at INTEGER)",
	"ALTER TABLE seen ADD COLUMN etag TEXT; CREATE INDEX seen_at ON seen(at)",
};

static int
count(struct yq_state *st, const char *sql)
{
	sqlite3_stmt *q;
	int n = -1;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void
test_state(void)
{
	struct yq_state *st;
	char *err = NULL, *p;

	setenv("XDG_DATA_HOME", "/tmp/x", 1);
	unsetenv("YQ_DB");
	p = st_default_path(NULL);
	is_str(p, "/tmp/x/yq/yq.db", "default path under XDG_DATA_HOME");
	free(p);
	setenv("YQ_DB", "/tmp/y.db", 1);
	p = st_default_path(NULL);
	is_str(p, "/tmp/y.db", "YQ_DB wins over XDG_DATA_HOME");
	free(p);
	p = st_default_path("given.db");
	is_str(p, "given.db", "--db wins over both");
	free(p);

	st = st_open("sub/dir/state.db", &err);
	ok(st != NULL, "open creates the directories and the file");
	is_int(st_migrate(st, "fetch", v1, 1, &err), 0, "migrate to version 1");
	is_int(count(st, "SELECT version FROM yq_schema WHERE component = 'fetch'"), 1,
	    "version 1 recorded");
	is_int(st_begin(st, &err), 0, "begin");
	is_int(st_exec(st, "INSERT INTO seen VALUES('a', 1)", &err), 0, "insert");
	is_int(st_rollback(st), 0, "rollback");
	is_int(count(st, "SELECT count(*) FROM seen"), 0, "a rolled back batch leaves nothing");
	st_begin(st, &err);
	st_exec(st, "INSERT INTO seen VALUES('a', 1)", &err);
	is_int(st_commit(st, &err), 0, "commit");
	is_int(st_migrate(st, "fetch", v2, 2, &err), 0, "migrate to version 2");
	is_int(count(st, "SELECT count(*) FROM seen WHERE etag IS NULL"), 1,
	    "the row survives the migration");
	is_int(st_migrate(st, "cluster", v1, 1, &err), -1,
	    "a failing step is an error");
	ok(err != NULL && strstr(err, "already exists") != NULL, "saying why");
	free(err);
	err = NULL;
	is_int(count(st, "SELECT count(*) FROM yq_schema WHERE component = 'cluster'"), 0,
	    "and records no version");
	is_int(st_migrate(st, "fetch", v1, 1, &err), -1, "a newer database is refused");
	ok(err != NULL && strstr(err, "newer than this yq") != NULL, "saying so");
	free(err);
	err = NULL;
	is_int(st_exec(st, "NOT SQL", &err), -1, "bad SQL is an error");
	free(err);
	is_int(st_close(st), 0, "close");
	ok(st_open("/proc/no/such/dir/x.db", &err) == NULL, "an impossible path fails");
	ok(err != NULL && strstr(err, "cannot open state database") != NULL,
	    "with a message");
	free(err);
}

static void
test_datapath(void)
{
	const char *const *dirs;
	char *p;
	FILE *fp;

	mkdir("d1", 0755);
	mkdir("d2", 0755);
	fp = fopen("d2/only2.txt", "w");
	fclose(fp);
	fp = fopen("d1/both.txt", "w");
	fclose(fp);
	fp = fopen("d2/both.txt", "w");
	fclose(fp);
	setenv("YQ_DATA", "d1:d2", 1);
	dirs = yq_datadirs();
	is_str(dirs[0], "d1", "YQ_DATA first");
	is_str(dirs[1], "d2", "its second directory next");
	is_str(dirs[2], YQ_DATADIR, "then the install directory");
	is_str(dirs[3], YQ_BUILD_DATADIR, "then the build tree's dict/");
	ok(dirs[4] == NULL, "and no more");
	ok(strlen(YQ_DATADIR) > 9 &&
	    strcmp(YQ_DATADIR + strlen(YQ_DATADIR) - 9, "/share/yq") == 0,
	    "the install directory is PREFIX/share/yq");
	p = xasprintf("%s/SOURCES.md", YQ_BUILD_DATADIR);
	ok(YQ_BUILD_DATADIR[0] == '/' && access(p, R_OK) == 0,
	    "the build tree's dict/ is absolute and holds SOURCES.md");
	free(p);
	p = yq_datafile("both.txt");
	is_str(p, "d1/both.txt", "the first directory that has the file wins");
	free(p);
	p = yq_datafile("only2.txt");
	is_str(p, "d2/only2.txt", "later directories are searched");
	free(p);
	ok(yq_datafile("none.txt") == NULL, "a missing file is NULL");
}

int
main(void)
{
	char dir[] = "/tmp/yq-unit-state-XXXXXX";

	if (mkdtemp(dir) == NULL || chdir(dir) != 0)
		return 1;
	test_state();
	test_datapath();
	/* Remove this run's directory only: other tests run beside it. */
	if (chdir("/") == 0) {
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
		free(cmd);
	}
	return done();
}
