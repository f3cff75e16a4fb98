"""papermill's engine on a warm kernel (`pipeline.batch.kernel`): papermill still injects the
parameters, records every cell and writes the executed notebook, exactly as with a fresh
kernel, but the kernel is not started for the notebook nor shut down after it."""

from __future__ import annotations

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger

from pipeline.batch.kernel import START_TIMEOUT, WarmKernel

WARM_ENGINE = "netwerkscan-warm"


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine, on a `WarmKernel` passed as `kernel=` instead of a new kernel."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=START_TIMEOUT, execution_timeout=None, kernel: WarmKernel | None = None,
                                 **kwargs):
        if kernel is None or kernel.km is None:
            raise ValueError(f"the {WARM_ENGINE} engine needs kernel=WarmKernel(...), prepared")
        client = PapermillNotebookClient(nb_man, km=kernel.km, timeout=execution_timeout, startup_timeout=start_timeout,
                                         kernel_name=kernel_name, log=logger, log_output=log_output,
                                         stdout_file=stdout_file, stderr_file=stderr_file)
        client.kc = kernel.kc    # so nbclient neither starts a client nor shuts the kernel down
        # papermill saves the notebook when each cell starts and ends; each save copies and
        # validates the whole notebook. Nobody watches a notebook while it runs here, so it
        # is written once, when papermill completes it (also after a failure or a dead kernel).
        output_path, nb_man.output_path = nb_man.output_path, None
        try:
            return client.execute()
        finally:
            nb_man.output_path = output_path


papermill_engines.register(WARM_ENGINE, WarmEngine)
