# yq: government online public-opinion toolkit.
#
#   make              build every binary under cmd/ and the compiled data
#   make check        install missing packages, unit + shell tests, then the
#                     same suites again under AddressSanitizer and UBSan
#   make demo         run the pipeline on the bundled demo corpus
#   make bench        run the benchmarks under bench/
#   make install      PREFIX=/usr/local DESTDIR=
#
# Each binary lives in cmd/NAME/ (every .c file there is linked into
# $(BUILD)/bin/NAME).  A tool that needs more (data compiled from dict/,
# extra link flags) says so in cmd/NAME/build.mk, which is included here,
# so adding a tool never means editing this file.

PREFIX    ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/yq
DESTDIR   ?=

CC      ?= cc
CFLAGS  ?= -std=c11 -O2 -g -Wall -Wextra
DEVFLAGS = -Werror -Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings -Wvla
PKGS     = jansson libpcre2-8 sqlite3 libcurl libxml-2.0 zlib readline

# SANITIZE=address,undefined builds into its own tree.
SANITIZE ?=
ifeq ($(SANITIZE),)
BUILD ?= build
else
BUILD ?= build/san
CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif
ifeq ($(DEV),1)
CFLAGS += $(DEVFLAGS)
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CPPFLAGS = -D_GNU_SOURCE -Icommon $(PKG_CFLAGS) \
	-DYQ_DATADIR='"$(DATADIR)"' -DYQ_BUILD_DATADIR='"$(CURDIR)/dict"' $(CPPFLAGS)
ALL_LDFLAGS = -Wl,--as-needed $(LDFLAGS)
LIBS = $(PKG_LIBS) -lcsv -lm

CMDS       := $(notdir $(patsubst %/,%,$(wildcard cmd/*/)))
BINS       := $(addprefix $(BUILD)/bin/,$(CMDS))
COMMON_SRC := $(wildcard common/*.c)
COMMON_OBJ := $(COMMON_SRC:%.c=$(BUILD)/obj/%.o)
COMMON_LIB := $(BUILD)/libyq.a
UNIT_SRC   := $(wildcard t/unit/*.c)
UNIT_BINS  := $(UNIT_SRC:t/unit/%.c=$(BUILD)/t/%)
HELPER_SRC := $(wildcard t/helper/*.c)
HELPER_BINS:= $(HELPER_SRC:t/helper/%.c=$(BUILD)/bin/%)

# Filled by the build.mk fragments: data files built from dict/ sources
# (DATA) and data files the tools read as they are (INSTALL_DATA); both
# are installed under $(DATADIR), with the licences of what is shipped.
DATA :=
INSTALL_DATA := dict/SOURCES.md $(wildcard dict/COPYING.*)

all: bins data
bins: $(BINS) $(HELPER_BINS)

-include $(wildcard cmd/*/build.mk)

data: $(DATA)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(COMMON_LIB): $(COMMON_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

# One link rule per command: every .c in cmd/NAME/ goes into the binary.
define CMD_template
$(1)_OBJ := $$(patsubst %.c,$(BUILD)/obj/%.o,$$(wildcard cmd/$(1)/*.c))
$(BUILD)/bin/$(1): $$($(1)_OBJ) $(COMMON_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$($(1)_OBJ) $(COMMON_LIB) $$(LIBS_$(1)) $$(LIBS)
endef
$(foreach c,$(CMDS),$(eval $(call CMD_template,$(c))))

$(BUILD)/t/%: $(BUILD)/obj/t/unit/%.o $(COMMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(COMMON_LIB) $(LIBS)

$(BUILD)/bin/%: $(BUILD)/obj/t/helper/%.o $(COMMON_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(COMMON_LIB) $(LIBS)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# Fuzzing with libFuzzer (clang): `make fuzz` builds every harness in
# fuzz/ (NAME is TOOL--WHAT: the harness links TOOL's objects but its
# main.o; "common" links common/ alone) into build/fuzz/ and runs each
# for FUZZ_TIME seconds on its seed corpus fuzz/corpus/NAME, failing on
# a crash, a leak or a timeout (inputs kept in build/fuzz/artifacts/).
# A harness names its input limit in a "fuzz-max-len: N" comment
# (65536 when it does not); the tools' messages on stderr are dropped
# (-close_fd_mask=2), libFuzzer's and the sanitizers' reports are kept.
FUZZ_SRC   := $(wildcard fuzz/*.c)
FUZZ_NAMES := $(FUZZ_SRC:fuzz/%.c=%)
FUZZ_TIME  ?= 60
FUZZ_CFLAGS = -std=c11 -g -O1 -Wall -Wextra -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

fuzz-build:
	$(MAKE) data
	$(MAKE) BUILD=build/fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" FUZZING=1 fuzz-bins

ifeq ($(FUZZING),1)
fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/bin/fuzz-%)
define FUZZ_template
$(BUILD)/bin/fuzz-$(1): fuzz/$(1).c fuzz/fuzz.h $$(filter-out %/main.o,$$($(2)_OBJ)) $(COMMON_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CPPFLAGS) -Ifuzz -Icmd/$(2) $$(CFLAGS) -fsanitize=fuzzer -o $$@ $$< \
		$$(filter-out %/main.o,$$($(2)_OBJ)) $(COMMON_LIB) $$(LIBS)
endef
$(foreach f,$(FUZZ_NAMES),$(eval $(call FUZZ_template,$(f),$(firstword $(subst --, ,$(f))))))
endif

fuzz: fuzz-build
	@mkdir -p build/fuzz/artifacts
	@for f in $(FUZZ_NAMES); do \
		mkdir -p build/fuzz/corpus/$$f; \
		ml=$$(sed -n 's/.*fuzz-max-len: *\([0-9]*\).*/\1/p' fuzz/$$f.c); \
		build/fuzz/bin/fuzz-$$f -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 \
			-max_len=$${ml:-65536} -timeout=10 -close_fd_mask=2 \
			-artifact_prefix=build/fuzz/artifacts/$$f- \
			build/fuzz/corpus/$$f fuzz/corpus/$$f >build/fuzz/$$f.log 2>&1 || \
			{ echo "fuzz: $$f failed:"; tail -n 40 build/fuzz/$$f.log; exit 1; }; \
		printf 'fuzz: %-22s %s\n' $$f "$$(grep -a '^#[0-9]' build/fuzz/$$f.log | tail -n 1)"; \
	done

# ---------------------------------------------------------------- packages

DEB_PKGS = build-essential pkg-config libjansson-dev libcsv-dev libpcre2-dev \
	libreadline-dev libsqlite3-dev libcurl4-openssl-dev libxml2-dev zlib1g-dev \
	mandoc perl jq sqlite3 python3 python3-jieba tmux parallel gzip libxml2-utils valgrind clang libclang-rt-dev

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	line="apt-get install -y --no-install-recommends $$(echo $$missing)"; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "yq: missing packages; run as root: apt-get update && $$line" >&2; exit 1; \
	fi; \
	echo "yq: installing $$(echo $$missing)" >&2; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && $$line >/dev/null

# ------------------------------------------------------------------ checks

PROVE ?= prove
PROVE_FLAGS ?= -j2

unit: $(UNIT_BINS)

# The shell tests find the binaries through YQ_BUILD.
test: all unit
	YQ_BUILD=$(CURDIR)/$(BUILD) $(PROVE) $(PROVE_FLAGS) $(UNIT_BINS) \
		$(sort $(wildcard t/t[0-9]*.sh))

check: deps
	$(MAKE) test
	$(MAKE) SANITIZE=address,undefined test
	$(MAKE) lint-man

lint-man:
	mandoc -Tlint -Wwarning man/*.[0-9]

check-browser: all
	sh t/browser/run

demo: deps
	$(MAKE) all
	sh demo/run

bench: all
	@for b in bench/*/run; do echo "== $$b"; sh $$b || exit 1; done

# ----------------------------------------------------------------- install

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
		$(DESTDIR)$(MANPREFIX)/man7 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions
	cp -f $(BINS) $(DESTDIR)$(PREFIX)/bin/
	for f in $(DATA) $(INSTALL_DATA); do cp -f $$f $(DESTDIR)$(DATADIR)/; done
	for m in man/*.[0-9]; do s=$${m##*.}; cp -f $$m $(DESTDIR)$(MANPREFIX)/man$$s/; done
	for c in $(CMDS); do \
		[ -f completions/$$c.bash ] && cp -f completions/$$c.bash \
			$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c; \
		[ -f completions/_$$c ] && cp -f completions/_$$c \
			$(DESTDIR)$(PREFIX)/share/zsh/site-functions/; \
	done; true

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(PREFIX)/bin/$$c \
		$(DESTDIR)$(MANPREFIX)/man1/$$c.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$c \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$c; done
	rm -f $(DESTDIR)$(MANPREFIX)/man7/yq.7 $(DESTDIR)$(MANPREFIX)/man7/yq-record.7
	rm -rf $(DESTDIR)$(DATADIR)

# Regenerate the completion scripts from the binaries' option tables.
completions: bins
	sh completions/gen $(BUILD)/bin $(CMDS)

clean:
	rm -rf build $(DATA) demo/out

.PHONY: all bins data deps unit test check lint-man check-browser demo bench fuzz fuzz-build fuzz-bins \
	install uninstall completions clean
