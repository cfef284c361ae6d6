/* nulltrace: run a Python script with a C trace function that does nothing.
 *
 * Usage: nulltrace [--no-trace] script.py [ARG]...
 *
 * It embeds the same libpython as ctrace, installs a PyEval_SetTrace
 * function that returns 0 at once, and runs the script as __main__. Its
 * run time is the lowest any PyEval_SetTrace-based tracer can reach on
 * that Python version, so the benchmark uses it as a floor.
 *
 * Like python, it sets sys.argv to the script and its arguments and puts
 * the script's directory first on sys.path. New threads get the trace
 * function through threading.settrace, as in ctrace.
 *
 * With --no-trace it installs no trace function at all. That run shows
 * what embedding alone costs: Debian's /usr/bin/python3.11 is linked
 * statically, while ctrace and this program use libpython3.11.so.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int null_trace(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg)
{
	(void)obj;
	(void)frame;
	(void)what;
	(void)arg;
	return 0;
}

/* threading.settrace hook: called once for the first event of each new
 * thread, it replaces itself with the C function for that thread. */
static PyObject *install_in_thread(PyObject *self, PyObject *args)
{
	(void)self;
	(void)args;
	PyEval_SetTrace(null_trace, NULL);
	Py_RETURN_NONE;
}

static PyMethodDef install_def = {"install_in_thread", install_in_thread, METH_VARARGS, NULL};

static int init_python(int argc, char **argv)
{
	PyConfig config;
	PyStatus status;

	PyConfig_InitPythonConfig(&config);
	config.parse_argv = 0;
	status = PyConfig_SetBytesArgv(&config, argc - 1, argv + 1);
	if (!PyStatus_Exception(status))
		status = Py_InitializeFromConfig(&config);
	PyConfig_Clear(&config);
	if (PyStatus_Exception(status)) {
		fprintf(stderr, "nulltrace: Python initialization failed: %s\n", status.err_msg ? status.err_msg : "unknown error");
		return -1;
	}
	return 0;
}

/* Put the script's directory first on sys.path and, when trace is set,
 * install the trace function in new threads. */
static int prepare(bool trace)
{
	PyObject *hook;
	PyObject *threading;
	PyObject *result;
	int rc;

	rc = PyRun_SimpleString("import os, sys\n"
				"sys.path.insert(0, os.path.dirname(os.path.abspath(sys.argv[0])))\n");
	if (rc != 0)
		return -1;
	if (!trace)
		return 0;
	hook = PyCFunction_New(&install_def, NULL);
	threading = PyImport_ImportModule("threading");
	result = hook && threading ? PyObject_CallMethod(threading, "settrace", "O", hook) : NULL;
	Py_XDECREF(result);
	Py_XDECREF(threading);
	Py_XDECREF(hook);
	if (result == NULL) {
		PyErr_Print();
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool trace = true;
	FILE *file;
	int rc;

	if (argc >= 2 && strcmp(argv[1], "--no-trace") == 0) {
		trace = false;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: nulltrace [--no-trace] script.py [ARG]...\n");
		return 2;
	}
	file = fopen(argv[1], "r");
	if (file == NULL) {
		perror(argv[1]);
		return 2;
	}
	if (init_python(argc, argv) < 0 || prepare(trace) < 0) {
		fclose(file);
		return 2;
	}

	if (trace)
		PyEval_SetTrace(null_trace, NULL);
	/* Runs the file in __main__'s namespace with __file__ set, closes it,
	 * and prints an uncaught exception like python does. */
	rc = PyRun_SimpleFileExFlags(file, argv[1], 1, NULL);
	PyEval_SetTrace(NULL, NULL);

	if (Py_FinalizeEx() < 0)
		rc = 120;
	return rc == 0 ? 0 : 1;
}
