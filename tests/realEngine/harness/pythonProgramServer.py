"""Serves a Python Pulumi program to the real CLI, as the Python Automation API does for inline
programs: the CLI runs `pulumi preview|up --client=127.0.0.1:<port>` and asks this process to run
the program. The Python twin of programServer.cjs (see pythonPrograms.ts for the environment).

    python pythonProgramServer.py <program file>

The program file is a Python source defining `program()`, the Pulumi program (what the Automation
API calls an inline program: it declares resources and calls `pulumi.export`); it is loaded once,
its top level run at start (imports only, ideally), and `program()` runs for each preview or up.
Prints `port <n>` once listening and stays until killed.
"""

import importlib.util
import sys
from concurrent import futures

import grpc
from pulumi.automation._server import LanguageServer
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import language_pb2_grpc


def load_program(file):
    """The `program` function of the file, loaded as a module named after the file."""
    spec = importlib.util.spec_from_file_location("pulumi_program", file)
    if spec is None or spec.loader is None:
        sys.exit(f"pythonProgramServer: cannot load {file} as Python")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    program = getattr(module, "program", None)
    if not callable(program):
        sys.exit(f"pythonProgramServer: {file} defines no program() function")
    return program


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: python pythonProgramServer.py <program file>")
    program = load_program(argv[1])
    # Pulumi's own message-size options, as the Automation API sets them.
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=_GRPC_CHANNEL_OPTIONS)
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(LanguageServer(program), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"port {port}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main(sys.argv)
