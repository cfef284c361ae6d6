/* The embedded interpreter. ctrace runs the target itself instead of
 * calling Py_RunMain, which calls exit() on SystemExit, and sets up what
 * Py_RunMain would: sys.path[0], __file__, __loader__ and the -m module's
 * globals. */
#include "ctrace/host.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"
#include "ctrace/complete.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/monitor.h"
#include "ctrace/options.h"
#include "ctrace/path.h"
#include "ctrace/pyhelpers.h"
#include "ctrace/repl.h"
#include "ctrace/session.h"
#include "ctrace/tracelog.h"
#include "ctrace/tracer.h"
#include "ctrace/watch.h"

struct session *current_session;

/* Exit status when the start-up fails before the program runs. */
enum { STATUS_USAGE = 2 };

static void startup_error(const char *what, const char *value, const char *hint)
{
	fflush(stdout);
	fprintf(stderr, "ctrace: %s: %s%s%s\n", what, value, hint ? " " : "", hint ? hint : "");
}

int host_check_target(const struct options *opts)
{
	struct stat st;
	int fd;

	if (opts->run_module)
		return 0;
	if (stat(opts->target, &st) < 0) {
		if (errno == ENOENT)
			startup_error("script not found", opts->target, "(check the path, or use -m for a module)");
		else
			startup_error("cannot open script", opts->target, strerror(errno));
		return STATUS_USAGE;
	}
	if (S_ISDIR(st.st_mode)) {
		startup_error("script is a directory", opts->target, "(give the .py file to run)");
		return STATUS_USAGE;
	}
	fd = open(opts->target, O_RDONLY);
	if (fd < 0) {
		char why[256];

		snprintf(why, sizeof(why), "(%s)", strerror(errno));
		startup_error("cannot read script", opts->target, why);
		return STATUS_USAGE;
	}
	close(fd);
	return 0;
}

/* Read "version" (or "version_info") from a venv's pyvenv.cfg and compare
 * its major.minor with the embedded Python. Return 0 when they match or
 * the file names no version, -1 after printing the mismatch. */
static int check_venv_version(const char *venv)
{
	char path[PATH_MAX];
	char line[512];
	FILE *fp;
	int major = 0;
	int minor = 0;

	snprintf(path, sizeof(path), "%s/pyvenv.cfg", venv);
	fp = fopen(path, "r");
	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char key[64];

		if (sscanf(line, " %63[a-z_] = %d.%d", key, &major, &minor) == 3 && (strcmp(key, "version") == 0 || strcmp(key, "version_info") == 0))
			break;
		major = 0;
	}
	fclose(fp);
	if (major == 0 || (major == PY_MAJOR_VERSION && minor == PY_MINOR_VERSION))
		return 0;
	fflush(stdout);
	fprintf(stderr, "ctrace: virtual environment uses Python %d.%d, but ctrace embeds Python %d.%d: %s (deactivate it, or build ctrace with make PYTHON_CONFIG=/path/to/python%d.%d-config)\n", major, minor, PY_MAJOR_VERSION, PY_MINOR_VERSION, venv, major, minor);
	return -1;
}

/* Choose sys.executable: the active virtual environment's python, else
 * the interpreter that matches the embedded libpython. */
static int choose_program_name(PyConfig *config)
{
	const char *venv = getenv("VIRTUAL_ENV");
	char path[PATH_MAX];
	PyStatus status;

	if (venv != NULL && venv[0] != '\0') {
		snprintf(path, sizeof(path), "%s/bin/python", venv);
		if (access(path, X_OK) == 0) {
			if (check_venv_version(venv) < 0)
				return -1;
			status = PyConfig_SetBytesString(config, &config->program_name, path);
			return PyStatus_Exception(status) ? -1 : 0;
		}
	}
	status = PyConfig_SetBytesString(config, &config->program_name, CTRACE_PYTHON_EXE);
	return PyStatus_Exception(status) ? -1 : 0;
}

static int start_python(struct options *opts)
{
	PyConfig config;
	PyStatus status;
	int rc = 0;

	PyConfig_InitPythonConfig(&config);
	config.parse_argv = 0;
	if (choose_program_name(&config) < 0) {
		PyConfig_Clear(&config);
		return STATUS_USAGE;
	}
	status = PyConfig_SetBytesArgv(&config, opts->target_argc, opts->target_argv);
	if (!PyStatus_Exception(status))
		status = Py_InitializeFromConfig(&config);
	if (PyStatus_Exception(status)) {
		if (PyStatus_IsExit(status)) {
			rc = status.exitcode;
		} else {
			startup_error("cannot start Python", status.err_msg ? status.err_msg : "unknown error", NULL);
			rc = STATUS_USAGE;
		}
	}
	PyConfig_Clear(&config);
	return rc;
}

/* Return true when sys.flags.safe_path is set (3.11+, -P or
 * PYTHONSAFEPATH): then sys.path[0] is left alone. */
static bool safe_path(void)
{
	PyObject *flags = PySys_GetObject("flags"); /* borrowed */
	PyObject *value;
	bool set = false;

	if (flags == NULL)
		return false;
	value = PyObject_GetAttrString(flags, "safe_path");
	if (value == NULL) {
		PyErr_Clear();
		return false;
	}
	set = PyObject_IsTrue(value) == 1;
	Py_DECREF(value);
	return set;
}

static int prepend_sys_path(const char *dir)
{
	PyObject *path = PySys_GetObject("path"); /* borrowed */
	PyObject *entry;
	int rc;

	if (path == NULL || safe_path())
		return 0;
	entry = PyUnicode_DecodeFSDefault(dir);
	if (entry == NULL)
		return -1;
	if (PyList_GET_SIZE(path) > 0 && PyUnicode_Compare(PyList_GET_ITEM(path, 0), entry) == 0) {
		Py_DECREF(entry);
		return 0; /* already there: a restart */
	}
	rc = PyList_Insert(path, 0, entry);
	Py_DECREF(entry);
	return rc;
}

static int set_item(PyObject *dict, const char *key, PyObject *value)
{
	int rc;

	if (value == NULL)
		return -1;
	rc = PyDict_SetItemString(dict, key, value);
	Py_DECREF(value);
	return rc;
}

/* Set up __main__ and sys.path[0] for the script as python does, and
 * store its absolute path in s->script_path. The script is compiled when
 * it runs, from the file, so that encoding and syntax errors read exactly
 * as python reports them. Return 0, or -1 with the exception set. */
static int prepare_script(struct session *s, PyObject *globals)
{
	char cwd[PATH_MAX];
	char *file = path_normalize(s->opts->target, getcwd(cwd, sizeof(cwd)) ? cwd : NULL);
	char *dir = path_canonical(file, NULL);
	char *slash = strrchr(dir, '/');
	PyObject *machinery = NULL;
	int rc = -1;

	if (slash != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	if (prepend_sys_path(dir) < 0)
		goto done;
	if (set_item(globals, "__file__", PyUnicode_DecodeFSDefault(file)) < 0)
		goto done;
	if (set_item(globals, "__cached__", Py_NewRef(Py_None)) < 0)
		goto done;
	machinery = PyImport_ImportModule("importlib.machinery");
	if (machinery == NULL || set_item(globals, "__loader__", PyObject_CallMethod(machinery, "SourceFileLoader", "ss", "__main__", file)) < 0)
		goto done;
	free(s->script_path);
	s->script_path = file;
	file = NULL;
	rc = 0;
done:
	Py_XDECREF(machinery);
	free(dir);
	free(file);
	return rc;
}

/* Return the module's code (new reference) with __main__ set up as
 * `python -m` does, or NULL with the exception set. */
static PyObject *prepare_module(struct session *s, PyObject *globals)
{
	char cwd[PATH_MAX];
	PyObject *runpy;
	PyObject *details = NULL;
	PyObject *spec;
	PyObject *code = NULL;
	PyObject *origin;

	if (getcwd(cwd, sizeof(cwd)) != NULL && prepend_sys_path(cwd) < 0)
		return NULL;
	runpy = PyImport_ImportModule("runpy");
	if (runpy == NULL)
		return NULL;
	details = PyObject_CallMethod(runpy, "_get_module_details", "s", s->opts->target);
	Py_DECREF(runpy);
	if (details == NULL)
		return NULL;
	spec = PyTuple_GET_ITEM(details, 1);
	origin = PyObject_GetAttrString(spec, "origin");
	if (origin == NULL)
		goto done;
	if (set_item(globals, "__name__", PyUnicode_FromString("__main__")) < 0 ||
	    set_item(globals, "__file__", Py_NewRef(origin)) < 0 ||
	    set_item(globals, "__cached__", PyObject_GetAttrString(spec, "cached")) < 0 ||
	    set_item(globals, "__doc__", Py_NewRef(Py_None)) < 0 ||
	    set_item(globals, "__loader__", PyObject_GetAttrString(spec, "loader")) < 0 ||
	    set_item(globals, "__package__", PyObject_GetAttrString(spec, "parent")) < 0 ||
	    set_item(globals, "__spec__", Py_NewRef(spec)) < 0)
		goto done;
	{
		PyObject *argv = PySys_GetObject("argv"); /* borrowed */

		if (argv == NULL || PyList_SetItem(argv, 0, Py_NewRef(origin)) < 0)
			goto done;
	}
	code = Py_NewRef(PyTuple_GET_ITEM(details, 2));
done:
	Py_XDECREF(origin);
	Py_DECREF(details);
	return code;
}

/* Print exc as python prints an uncaught exception, through
 * sys.excepthook, and record it in sys.last_*. */
static void print_uncaught(PyObject *exc)
{
	PyObject *tb = PyException_GetTraceback(exc);
	PyObject *type = (PyObject *)Py_TYPE(exc);
	PyObject *hook = PySys_GetObject("excepthook"); /* borrowed */
	PyObject *result = NULL;

	PySys_SetObject("last_type", type);
	PySys_SetObject("last_value", exc);
	PySys_SetObject("last_traceback", tb ? tb : Py_None);
	if (hook != NULL)
		result = PyObject_CallFunctionObjArgs(hook, type, exc, tb ? tb : Py_None, NULL);
	if (result == NULL) {
		PyErr_Clear();
		PyErr_Display(type, exc, tb);
	}
	Py_XDECREF(result);
	Py_XDECREF(tb);
}

/* Map SystemExit to the status python would exit with. */
static int system_exit_status(PyObject *exc)
{
	PyObject *code = PyObject_GetAttrString(exc, "code");
	int status = 1;

	if (code == NULL) {
		PyErr_Clear();
		return 1;
	}
	if (code == Py_None) {
		status = 0;
	} else if (PyLong_Check(code)) {
		long value = PyLong_AsLong(code);

		if (value == -1 && PyErr_Occurred()) {
			PyErr_Clear();
			status = 1;
		} else {
			status = (int)(value & 0xff);
		}
	} else {
		PyObject *stderr_file = PySys_GetObject("stderr"); /* borrowed */

		if (stderr_file != NULL && stderr_file != Py_None) {
			if (PyFile_WriteObject(code, stderr_file, Py_PRINT_RAW) < 0 || PyFile_WriteString("\n", stderr_file) < 0)
				PyErr_Clear();
		}
		status = 1;
	}
	Py_DECREF(code);
	return status;
}

struct outcome {
	int status;
	bool sigint;        /* die by SIGINT, as python does on KeyboardInterrupt */
	bool quit;          /* the quit command ended the program */
	PyObject *uncaught; /* owned, for the trace log */
};

static void finish_exception(struct session *s, PyObject *exc, struct outcome *out)
{
	if (PyObject_TypeCheck(exc, (PyTypeObject *)s->quit_type)) {
		out->status = s->quit_status;
		out->quit = !s->restarting;
		return;
	}
	if (PyErr_GivenExceptionMatches(exc, PyExc_SystemExit)) {
		out->status = system_exit_status(exc);
		return;
	}
	output_flush_program(&s->out);
	print_uncaught(exc);
	out->uncaught = Py_NewRef(exc);
	out->status = 1;
	if (PyErr_GivenExceptionMatches(exc, PyExc_KeyboardInterrupt)) {
		out->sigint = true;
		return;
	}
	if (s->log == NULL && s->opts->batch && s->next_command >= s->opts->ncommands)
		return;
	if (s->log == NULL && s->step.kind != STEP_NONE && !s->quitting)
		out->status = debugger_post_mortem(s, exc);
}

/* Prepare the target: the -m module's code in s->main_code, or the
 * script's __main__ and path, and s->main_file either way. Return 0, or a
 * status to exit with after printing the error. */
static int prepare_target(struct session *s)
{
	PyObject *main_module = PyImport_AddModule("__main__"); /* borrowed */
	PyObject *globals = main_module ? PyModule_GetDict(main_module) : NULL;
	PyObject *exc;
	char cwd[PATH_MAX];

	if (globals == NULL)
		goto error;
	if (s->opts->run_module) {
		s->main_code = prepare_module(s, globals);
		if (s->main_code == NULL)
			goto error;
		s->main_file = path_canonical(PyUnicode_AsUTF8(((PyCodeObject *)s->main_code)->co_filename), getcwd(cwd, sizeof(cwd)) ? cwd : NULL);
		return 0;
	}
	if (prepare_script(s, globals) < 0)
		goto error;
	s->main_file = path_canonical(s->script_path, NULL);
	return 0;
error:
	exc = compat_err_fetch();
	if (exc != NULL && s->opts->run_module && PyErr_GivenExceptionMatches(exc, PyExc_ImportError)) {
		char *text = inspect_format_exception(exc);

		char *hint = malloc(strlen(text) + 3);

		sprintf(hint, "(%s)", text);
		startup_error("cannot run module", s->opts->target, hint);
		free(hint);
		free(text);
		Py_DECREF(exc);
		return STATUS_USAGE;
	}
	if (exc != NULL && PyErr_GivenExceptionMatches(exc, PyExc_SystemExit)) {
		int status = system_exit_status(exc);

		Py_DECREF(exc);
		return status;
	}
	if (exc != NULL) {
		print_uncaught(exc);
		Py_DECREF(exc);
	}
	return 1;
}

/* Wait for the program's non-daemon threads while ctrace can still stop
 * in them, as Py_FinalizeEx would do later. */
static void join_threads(void)
{
	PyObject *modules = PySys_GetObject("modules"); /* borrowed */
	PyObject *threading = modules ? PyDict_GetItemString(modules, "threading") : NULL; /* borrowed */
	PyObject *result;

	if (threading == NULL)
		return;
	result = PyObject_CallMethod(threading, "_shutdown", NULL);
	if (result == NULL)
		PyErr_Clear();
	Py_XDECREF(result);
}

static void session_free_python(struct session *s)
{
	debugger_clear_stop(s);
	watch_free_all(s);
	stepper_reset(&s->step);
	tracer_free(s);
	Py_CLEAR(s->main_code);
	Py_CLEAR(s->helpers);
}

static void session_free(struct session *s)
{
	bp_table_free(&s->bps);
	repl_close(s->repl);
	s->repl = NULL;
	for (size_t i = 0; i < s->nalias; i++) {
		free(s->alias_names[i]);
		free(s->alias_values[i]);
	}
	free(s->alias_names);
	free(s->alias_values);
	for (size_t i = 0; i < s->ndeferred; i++)
		free(s->deferred[i]);
	free(s->deferred);
	free(s->hit_cond_error);
	free(s->last_command);
	free(s->main_file);
	free(s->script_path);
	pthread_mutex_destroy(&s->prompt_lock);
}

static int open_frontend(struct session *s)
{
	char err[512];

	if (s->opts->trace) {
		s->log = tracelog_open(s->opts, s->main_file, err, sizeof(err));
		if (s->log == NULL) {
			fflush(stdout);
			fprintf(stderr, "ctrace: %s\n", err);
			return STATUS_USAGE;
		}
		return 0;
	}
	{
		char *history = repl_default_history_path();

		s->repl = repl_open(!s->opts->batch, history, complete_line, s);
		free(history);
	}
	return 0;
}

/* Run the target once and record how it ended. */
static void run_target(struct session *s, struct outcome *outcome)
{
	PyObject *main_module = PyImport_AddModule("__main__"); /* borrowed */
	PyObject *globals = PyModule_GetDict(main_module);
	PyObject *result;

	if (s->main_code != NULL) {
		result = PyEval_EvalCode(s->main_code, globals, globals);
	} else {
		FILE *fp = fopen(s->script_path, "rb");

		if (fp == NULL)
			result = PyErr_SetFromErrnoWithFilename(PyExc_OSError, s->script_path);
		else
			result = PyRun_FileExFlags(fp, s->script_path, Py_file_input, globals, globals, 1, NULL);
	}

	monitor_leave(s);
	tracer_uninstall(s);
	if (result == NULL) {
		PyObject *exc = compat_err_fetch();

		if (exc != NULL)
			finish_exception(s, exc, outcome);
		Py_XDECREF(exc);
	}
	Py_XDECREF(result);
}

/* Make the interpreter ready to run the target again for `restart`:
 * a fresh __main__ namespace and the new sys.argv. Breakpoints stay;
 * displays and watchpoints belonged to frames that are gone. */
static int reset_for_restart(struct session *s)
{
	PyObject *main_module = PyImport_AddModule("__main__"); /* borrowed */
	PyObject *globals = PyModule_GetDict(main_module);
	PyObject *builtins = PyDict_GetItemString(globals, "__builtins__"); /* borrowed */
	PyObject *argv = PySys_GetObject("argv"); /* borrowed */

	Py_XINCREF(builtins);
	PyDict_Clear(globals);
	if (builtins != NULL) {
		PyDict_SetItemString(globals, "__builtins__", builtins);
		Py_DECREF(builtins);
	}
	if (set_item(globals, "__name__", PyUnicode_FromString("__main__")) < 0)
		return -1;
	if (argv != NULL && PyList_Check(argv) && s->restart_argv != NULL) {
		if (PyList_SetSlice(argv, 1, PyList_GET_SIZE(argv), NULL) < 0)
			return -1;
		for (int i = 0; i < s->restart_argc; i++) {
			PyObject *arg = PyUnicode_DecodeFSDefault(s->restart_argv[i]);

			if (arg == NULL || PyList_Append(argv, arg) < 0) {
				Py_XDECREF(arg);
				return -1;
			}
			Py_DECREF(arg);
		}
	}
	if (!s->opts->run_module && argv != NULL && PyList_Check(argv) && PyList_GET_SIZE(argv) > 0)
		PyList_SetItem(argv, 0, PyUnicode_DecodeFSDefault(s->opts->target));
	out_printf(&s->out, "Restarting %s with arguments:\n\t", s->opts->target);
	for (Py_ssize_t i = 1; argv != NULL && i < PyList_GET_SIZE(argv); i++) {
		const char *text = PyUnicode_AsUTF8(PyList_GET_ITEM(argv, i));

		out_printf(&s->out, "%s%s", i > 1 ? " " : "", text ? text : "?");
	}
	out_printf(&s->out, "\n");
	PyErr_Clear();

	Py_CLEAR(s->main_code);
	free(s->main_file);
	s->main_file = NULL;
	debugger_clear_stop(s);
	watch_free_all(s);
	stepper_reset(&s->step);
	s->started = false;
	s->quitting = false;
	s->restarting = false;
	s->interrupt_requested = 0;
	return 0;
}

int host_run(struct options *opts)
{
	struct session session;
	struct session *s = &session;
	struct outcome outcome = {0, false, false, NULL};
	int rc;

	memset(s, 0, sizeof(*s));
	s->opts = opts;
	bp_table_init(&s->bps);
	pthread_mutex_init(&s->prompt_lock, NULL);
	output_init(&s->out, stdout, opts->color, opts->quiet);
	rc = start_python(opts);
	if (rc != 0) {
		session_free(s);
		return rc;
	}
	current_session = s;
	s->out.python = true;
	s->main_tstate = PyThreadState_Get();

	s->helpers = pyhelpers_load();
	if (s->helpers == NULL) {
		PyErr_Print();
		outcome.status = STATUS_USAGE;
		goto finalize;
	}
	for (bool first = true;; first = false) {
		outcome.status = prepare_target(s);
		if (outcome.status != 0)
			goto finalize;
		if (first) {
			outcome.status = open_frontend(s);
			if (outcome.status != 0)
				goto finalize;
			if (tracer_init(s) < 0 || (s->log == NULL && monitor_init(s) < 0)) {
				PyErr_Print();
				outcome.status = STATUS_USAGE;
				goto finalize;
			}
		}
		if (tracer_install(s) < 0) {
			PyErr_Print();
			outcome.status = STATUS_USAGE;
			goto finalize;
		}
		run_target(s, &outcome);
		if (!s->restarting)
			break;
		if (reset_for_restart(s) < 0) {
			PyErr_Print();
			outcome.status = STATUS_USAGE;
			goto finalize;
		}
		outcome.quit = false;
		outcome.status = 0;
		Py_CLEAR(outcome.uncaught);
	}
	if (outcome.quit) {
		/* quit ends the program now: no waiting for its threads, no
		 * atexit handlers. */
		output_flush_program(&s->out);
		repl_close(s->repl);
		_exit(outcome.status);
	}
	join_threads();
	s->finished = true;
	s->quitting = true;

finalize:
	if (s->log != NULL) {
		/* A log that could not be written is already reported; the
		 * program's own status still passes through. */
		tracelog_close(s->log, outcome.sigint ? 128 + SIGINT : outcome.status, outcome.uncaught);
		s->log = NULL;
	}
	Py_CLEAR(outcome.uncaught);
	output_flush_program(&s->out);
	session_free_python(s);
	if (Py_FinalizeEx() < 0 && outcome.status == 0)
		outcome.status = 120;
	current_session = NULL;
	session_free(s);
	if (outcome.sigint) {
		signal(SIGINT, SIG_DFL);
		kill(getpid(), SIGINT);
	}
	return outcome.status;
}
