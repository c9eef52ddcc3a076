"""dagster-dask's executor, with the step's arguments sent to the workers as one opaque object.

dagster-dask 0.29.27 submits each step as `client.submit(query_on_dask_worker, deps, recon_job,
dagster_run, …)`. Dask 2024.12 and later walk every tuple among a task's arguments looking for
futures, and a partitioned run's `DagsterRun` (a NamedTuple) holds a partitions subset that
refuses iteration ("Iteration is not allowed on `@record` KeyRangesPartitionsSubset"): every
partitioned run fails before its first step. Here the arguments travel wrapped in a plain
object, which Dask pickles without looking inside; the dependencies stay a visible list of
futures, so Dask still orders the steps. A step whose upstream step failed (a blocking check)
does not run, as with Dagster's own executors; dagster-dask would run it. And each task's key holds the run id: dagster-dask keys
tasks by job and step only, so Dask took concurrent runs of one job (one per partition) for the
same task and ran just one of them. Everything else is dagster-dask's: its configuration
(`cluster: {existing: {address: …}}`, `local`, `kube`, …), its worker function, its events.
"""

from __future__ import annotations

import importlib

import dask.distributed
from dagster import ExecutorDefinition, multiple_process_executor_requirements
from dagster import _check as check
from dagster._core.errors import raise_execution_interrupts
from dagster._core.events import DagsterEvent, DagsterEventType
from dagster._core.execution.context.system import PlanOrchestrationContext
from dagster._core.execution.plan.plan import ExecutionPlan
from dagster._utils import iterate_with_context
from dagster_dask.executor import (
    DaskExecutor,
    dask_executor,
    get_dask_resource_requirements,
    query_on_dask_worker,
)

# cluster type → (module, class) of the Dask cluster dagster-dask starts for it
CLUSTERS = {
    "local": ("dask.distributed", "LocalCluster"),
    "ssh": ("dask.distributed", "SSHCluster"),
    "yarn": ("dask_yarn", "YarnCluster"),
    "pbs": ("dask_jobqueue", "PBSCluster"),
    "moab": ("dask_jobqueue", "MoabCluster"),
    "sge": ("dask_jobqueue", "SGECluster"),
    "lsf": ("dask_jobqueue", "LSFCluster"),
    "slurm": ("dask_jobqueue", "SLURMCluster"),
    "oar": ("dask_jobqueue", "OARCluster"),
    "kube": ("dask_kubernetes", "KubeCluster"),
}


class _Arguments:
    """Not a tuple, list or dict: Dask sends it to the worker as it is."""

    def __init__(self, *args) -> None:
        self.args = args


# What a step returns in place of its events when it did not run because an upstream step failed
# (a blocking check, say): its own downstream steps do not run either.
UPSTREAM_FAILED = "newsclaims:upstream-step-failed"


def _run_step(dependencies, arguments: _Arguments):
    """On the worker: Dask has replaced each dependency by that step's events."""
    if any(failed(events) for events in dependencies):
        return [UPSTREAM_FAILED]
    return query_on_dask_worker(dependencies, *arguments.args)


def failed(events) -> bool:
    return any(
        e == UPSTREAM_FAILED if isinstance(e, str) else e.event_type == DagsterEventType.STEP_FAILURE for e in events
    )


class OpaqueArgumentsDaskExecutor(DaskExecutor):
    def execute(self, plan_context: PlanOrchestrationContext, execution_plan: ExecutionPlan):
        check.invariant(plan_context.instance.is_persistent, "Dask execution requires a persistent DagsterInstance")
        if self.cluster_type == "existing":
            cluster = self.cluster_configuration["address"]
        elif self.cluster_type in CLUSTERS:
            module, name = CLUSTERS[self.cluster_type]
            cluster = getattr(importlib.import_module(module), name)(**self.build_dict(plan_context.job_name))
        else:
            raise ValueError(f"Must be one of 'existing', {', '.join(map(repr, CLUSTERS))}, not {self.cluster_type}")

        with dask.distributed.Client(cluster) as client:
            futures, by_step = [], {}
            for level in execution_plan.get_steps_to_execute_by_level():
                for step in level:
                    dependencies = [
                        by_step[key] for step_input in step.step_inputs for key in step_input.dependency_keys
                    ]
                    arguments = _Arguments(
                        plan_context.reconstructable_job,
                        plan_context.dagster_run,
                        plan_context.run_config,
                        [step.key],
                        plan_context.instance.get_ref(),
                        execution_plan.known_state,
                    )
                    future = client.submit(
                        _run_step,
                        dependencies,
                        arguments,
                        # The run id too: concurrent runs of one job must not share Dask's tasks.
                        key=f"{plan_context.job_name}.{step.key}.{plan_context.dagster_run.run_id}",
                        resources=get_dask_resource_requirements(step.tags),
                    )
                    futures.append(future)
                    by_step[step.key] = future
            finished = dask.distributed.as_completed(futures, with_results=True)
            for _future, events in iterate_with_context(raise_execution_interrupts, finished):
                for event in events:
                    if event != UPSTREAM_FAILED:
                        yield check.inst(event, DagsterEvent)


def _create(init_context) -> OpaqueArgumentsDaskExecutor:
    ((cluster_type, cluster_configuration),) = init_context.executor_config["cluster"].items()
    return OpaqueArgumentsDaskExecutor(cluster_type, cluster_configuration)


newsclaims_dask_executor = ExecutorDefinition(
    name="dask",
    config_schema=dask_executor.config_schema,
    requirements=multiple_process_executor_requirements(),
    executor_creation_fn=_create,
    description=dask_executor.description,
)
