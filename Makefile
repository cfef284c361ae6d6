# ctrace build. The embedded Python is chosen with PYTHON_CONFIG; each
# Python version gets its own build directory, so several can coexist.

PYTHON_CONFIG ?= /usr/bin/python3.11-config
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
SANITIZE ?=

# Install missing build and test packages before anything reads pkg-config.
ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell sh scripts/deps.sh $(if $(filter check check-% bench,$(MAKECMDGOALS)),test,build) >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error scripts/deps.sh failed: install the packages it names and run make again)
endif
endif

PY_VERSION := $(shell $(PYTHON_CONFIG) --configdir 2>/dev/null | sed -n 's/.*config-\([0-9]*\.[0-9]*\).*/\1/p')
ifeq ($(PY_VERSION),)
PY_VERSION := $(shell $(PYTHON_CONFIG) --includes | sed -n 's/.*python\([0-9]*\.[0-9]*\).*/\1/p' | head -n 1)
endif
PY_ABIFLAGS := $(shell $(PYTHON_CONFIG) --abiflags 2>/dev/null)
PY_PREFIX := $(shell $(PYTHON_CONFIG) --prefix)
PY_EXE := $(PY_PREFIX)/bin/python$(PY_VERSION)$(PY_ABIFLAGS)
PY_CFLAGS := $(shell $(PYTHON_CONFIG) --includes)
PY_LDFLAGS := $(shell $(PYTHON_CONFIG) --embed --ldflags)

# The distribution's Python builds into build/pyX.Y; another install of
# the same version (pyenv's) gets its prefix's name appended.
PY_TAG := $(if $(filter /usr /usr/local,$(PY_PREFIX)),,-$(notdir $(PY_PREFIX)))
BUILDDIR ?= build/py$(PY_VERSION)$(PY_ABIFLAGS)$(PY_TAG)$(if $(SANITIZE),-san)

# libedit is linked statically with its symbols hidden, so that its
# readline emulation does not replace GNU readline inside the target's
# `import readline`.
EDIT_CFLAGS := $(shell pkg-config --cflags libedit)
EDIT_LIBDIR := $(shell pkg-config --variable=libdir libedit)
ifneq ($(wildcard $(EDIT_LIBDIR)/libedit.a),)
EDIT_LIBS := $(EDIT_LIBDIR)/libedit.a -Wl,--exclude-libs,libedit.a -ltinfo -lbsd
else
EDIT_LIBS := $(shell pkg-config --libs libedit)
endif
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

VERSION := 0.1.0
WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
OPT := $(if $(SANITIZE),-O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE),-O2 -g)
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) -Iinclude -Isrc -I$(BUILDDIR) $(PY_CFLAGS) $(EDIT_CFLAGS) \
	-DCTRACE_VERSION='"$(VERSION)"' -DCTRACE_PYTHON_EXE='"$(PY_EXE)"' $(CFLAGS)
ALL_LDFLAGS := $(if $(SANITIZE),-fsanitize=$(SANITIZE)) $(LDFLAGS)
LIBS := $(PY_LDFLAGS) $(EDIT_LIBS) -lpthread

SRCS := $(wildcard src/*.c)
OBJS := $(SRCS:src/%.c=$(BUILDDIR)/obj/%.o)
LIB_OBJS := $(filter-out $(BUILDDIR)/obj/main.o,$(OBJS))
BIN := $(BUILDDIR)/ctrace

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILDDIR)/unit/%)

.PHONY: all check check-unit check-sessions example install clean bench man-lint

all: $(BIN) ctrace

# ./ctrace always points at the binary built last.
ctrace: $(BIN)
	ln -sf $(BIN) ctrace

$(BIN): $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

# The Python helpers are compiled into the binary as one string.
$(BUILDDIR)/pyhelpers.inc: src/pyhelpers.py | $(BUILDDIR)/obj
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

$(BUILDDIR)/obj/pyhelpers.o: $(BUILDDIR)/pyhelpers.inc

$(BUILDDIR)/obj/%.o: src/%.c $(wildcard include/ctrace/*.h src/*.h) Makefile | $(BUILDDIR)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILDDIR)/obj $(BUILDDIR)/unit:
	mkdir -p $@

$(BUILDDIR)/unit/%: tests/unit/%.c $(LIB_OBJS) | $(BUILDDIR)/unit
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJS) $(CMOCKA_LIBS) $(LIBS)

# Build ctrace and run the bundled example without reading the terminal:
# stop at line 52 (in total_value's loop), show the stack and two values,
# then let the program finish.
example: all
	$(BIN) --batch -c 'break examples/inventory.py:52' -c continue -c where \
		-c 'p item, total' examples/inventory.py

check: $(BIN) ctrace $(UNIT_BINS)
	@/usr/bin/python3.11 tests/run.py --ctrace $(BIN) --unit-dir $(BUILDDIR)/unit

check-unit: $(UNIT_BINS)
	@/usr/bin/python3.11 tests/run.py --ctrace $(BIN) --unit-dir $(BUILDDIR)/unit --only unit

bench: $(BIN)
	/usr/bin/python3.11 bench/run.py --ctrace $(BIN) --make "$(MAKE)" --cc "$(CC)"

man-lint:
	mandoc -Tlint -W warning man/ctrace.1

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ctrace
	install -m 644 man/ctrace.1 $(DESTDIR)$(PREFIX)/share/man/man1/ctrace.1

clean:
	rm -rf build ctrace
