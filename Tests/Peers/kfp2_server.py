"""A KFP 2.x server for the tests: the real ML Metadata store behind a gRPC-web front, and the
v2beta1 REST API beside it, on 127.0.0.1. Prints its port on the first line of stdout.

Usage: python kfp2_server.py [--port N] [--token T] [--cookie C] [--bench-runs N]
                             [--bench-only] [--big-run] [--delay-ms N]

The store (ml-metadata, sqlite in memory) is filled the way KFP's driver and launcher fill it:
a system.Pipeline context and a system.PipelineRun context named by the run id, executions
with display_name/task_name put with both contexts, system.Metrics artifacts whose custom
properties are the logged metrics (numbers as double_value, the SDK's bools as int_value 1/0,
plus display_name and store_session_info), OUTPUT events keyed by the output name, an
executor-logs artifact per task. Runs:
  train-eval     three tasks: train, train-again (task_name train-2), evaluate (two outputs)
  cached         train is a cache hit: its OUTPUT events point at train-eval's artifacts
  failed         train failed: only executor-logs
  running        train is still running: no outputs
  legacy-v1      a v1 run: no MLMD context, v1 metrics at /apis/v1beta1/runs/{id}
  big            (--big-run) 100 tasks with 100 metrics artifacts each: 10,000 artifacts
  bench-NNNN     (--bench-runs N) N runs of three tasks each; with --bench-only, no others

gRPC-web (as Envoy's grpc_web filter answers): POST /ml_metadata.MetadataStoreService/<Method>
with a binary frame; the answer is chunked: data frames, then a trailer frame (flag 0x80) of
`key:value` lines. Errors are trailers-only (grpc-status in the headers, empty body).
REST: /apis/v2beta1/healthz, /runs (page_size, page_token, experiment_id, namespace),
/runs/{id}, /experiments; also under /pipeline. MLMD is at the root only, as in the KFP UI.

Control, one command a line on stdin, answered by one line on stdout: `set NAME VALUE`
switches a fault (VALUE a count for unavailable, else 1/0) and answers `ok`; `stats` answers
{"mlmd": {method: calls}, "rest": calls}; `pages` answers a JSON list of when each page of
/apis/v2beta1/runs was sent (CLOCK_MONOTONIC nanoseconds, the clock a benchmark on the same
machine reads); `reset` zeroes the counts and times, clears the faults and answers `ok`. Runs
change between a client's polls with (each answers `ok`):
  add-run ID STATE NAME…        a new run, the newest, with its run context in MLMD (as KFP's
                                driver makes it when the run starts) and no tasks yet
  task ID TASK STATE [JSON]     task TASK of run ID (made by the driver if new) in execution
                                state STATE (RUNNING, COMPLETE, FAILED, …); with a JSON object,
                                a system.Metrics artifact `metrics` with those metrics is put
                                with its OUTPUT event, as the launcher publishes a task's outputs
  state ID STATE                the run's v2beta1 state (a final state sets finished_at)
The server exits when stdin closes. Faults:
  rest401      REST answers 401 with a text body
  rest500      REST answers 500 with a JSON error (a server whose database is down)
  mlmd403      MLMD answers HTTP 403 "RBAC: access denied" (Istio's answer)
  mlmd502      MLMD answers HTTP 502 with an HTML page
  unavailable  the next N MLMD calls answer trailers-only grpc-status 14 (UNAVAILABLE)
  truncate     MLMD answers cut off inside the data frame (the chunked body ends properly)
  endless      MLMD answers a body that never ends
"""

import argparse
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ml_metadata import errors, metadata_store
from ml_metadata.proto import metadata_store_pb2 as pb
from ml_metadata.proto import metadata_store_service_pb2 as svc

EXPERIMENT = {"experiment_id": "exp-1", "display_name": "default", "namespace": "kubeflow-user"}
OTHER_EXPERIMENT = {"experiment_id": "exp-2", "display_name": "tuning", "namespace": "team-b"}
BASE_TIME = 1_780_000_000


class Store:
    """The MLMD store and the KFP runs recorded in it."""

    def __init__(self):
        config = pb.ConnectionConfig()
        config.sqlite.filename_uri = ":memory:"
        config.sqlite.connection_mode = pb.SqliteMetadataSourceConfig.READWRITE_OPENCREATE
        self.store = metadata_store.MetadataStore(config)
        self.lock = threading.Lock()
        s = self.store
        self.pipeline_type = s.put_context_type(pb.ContextType(name="system.Pipeline"))
        self.run_type = s.put_context_type(pb.ContextType(name="system.PipelineRun"))
        self.container_type = s.put_execution_type(pb.ExecutionType(name="system.ContainerExecution"))
        self.dag_type = s.put_execution_type(pb.ExecutionType(name="system.DAGExecution"))
        self.metrics_type = s.put_artifact_type(pb.ArtifactType(name="system.Metrics"))
        self.artifact_type = s.put_artifact_type(pb.ArtifactType(name="system.Artifact"))
        self.model_type = s.put_artifact_type(pb.ArtifactType(name="system.Model"))
        self.pipelines = {}
        self.runs = []  # v2beta1 Run JSON objects, newest last
        self.v1_runs = {}
        self.contexts = {}  # run id -> (pipeline context, run context, root DAG execution)
        self.tasks = {}  # (run id, task name) -> execution id

    def call(self, method, request_bytes):
        """Calls MLMD method in-process with its generated classes; returns response bytes."""
        request = getattr(svc, method + "Request")()
        request.ParseFromString(request_bytes)
        response = getattr(svc, method + "Response")()
        with self.lock:
            self.store._call(method, request, response)
        return response.SerializeToString()

    # Recording, as KFP's driver and launcher do.

    def pipeline_context(self, name):
        if name not in self.pipelines:
            [cid] = self.store.put_contexts([pb.Context(type_id=self.pipeline_type, name=name)])
            self.pipelines[name] = pb.Context(id=cid, type_id=self.pipeline_type, name=name)
        return self.pipelines[name]

    def run_context(self, run_id, pipeline):
        pipeline_ctx = self.pipeline_context(pipeline)
        ctx = pb.Context(type_id=self.run_type, name=run_id)
        props = ctx.custom_properties
        props["namespace"].string_value = EXPERIMENT["namespace"]
        props["resource_name"].string_value = "run-resource"
        props["pipeline_root"].string_value = f"minio://mlpipeline/v2/artifacts/{pipeline}/{run_id}"
        props["store_session_info"].string_value = '{"Provider":"minio","Params":{}}'
        [cid] = self.store.put_contexts([ctx])
        ctx.id = cid
        self.store.put_parent_contexts([pb.ParentContext(child_id=cid, parent_id=pipeline_ctx.id)])
        root = pb.Execution(type_id=self.dag_type, name=f"run/{run_id}",
                            last_known_state=pb.Execution.RUNNING)
        root.custom_properties["display_name"].string_value = ""
        root.custom_properties["task_name"].string_value = ""
        [root.id] = self.store.put_execution(root, [], [pipeline_ctx, ctx])[:1]
        self.contexts[run_id] = (pipeline_ctx, ctx, root)
        return pipeline_ctx, ctx, root

    def task(self, contexts, root, display, task_name, state, outputs=(), cached_from=None,
             logs=True):
        """One container task: outputs are (name, metrics dict) pairs, or (name, artifact id)
        pairs for a cache hit's reused outputs."""
        execution = pb.Execution(type_id=self.container_type, last_known_state=state)
        props = execution.custom_properties
        props["display_name"].string_value = display
        props["task_name"].string_value = task_name
        props["parent_dag_id"].int_value = root.id
        props["pod_name"].string_value = f"{task_name}-pod"
        props["image"].string_value = "python:3.11"
        if cached_from is not None:
            props["cached_execution_id"].string_value = str(cached_from)
        pairs = []
        for name, metrics in outputs:
            if isinstance(metrics, int):
                [artifact] = self.store.get_artifacts_by_id([metrics])
            else:
                artifact = self.metrics_artifact(task_name, name, metrics)
            pairs.append((artifact, output_event(name)))
        if logs:
            log = pb.Artifact(type_id=self.artifact_type, uri=f"minio://logs/{task_name}",
                              state=pb.Artifact.LIVE)
            log.custom_properties["display_name"].string_value = "executor-logs"
            pairs.append((log, output_event("executor-logs")))
        execution_id, artifact_ids, _ = self.store.put_execution(execution, pairs, list(contexts))
        run_contexts = [c for c in contexts if c.type_id == self.run_type]
        if run_contexts:
            self.tasks[(run_contexts[0].name, task_name)] = execution_id
        return execution_id, artifact_ids

    def record_task(self, run_id, task_name, state, metrics=None):
        """A task's execution as the driver makes it and the launcher publishes it: the
        execution in `state`, with a metrics artifact and its OUTPUT event when `metrics`."""
        pipeline_ctx, ctx, root = self.contexts[run_id]
        state = pb.Execution.State.Value(state)
        outputs = [("metrics", metrics)] if metrics is not None else []
        known = self.tasks.get((run_id, task_name))
        if known is None:
            self.task((pipeline_ctx, ctx), root, task_name, task_name, state, outputs, logs=False)
            return
        [execution] = self.store.get_executions_by_id([known])
        execution.last_known_state = state
        pairs = [(self.metrics_artifact(task_name, name, values), output_event(name))
                 for name, values in outputs]
        self.store.put_execution(execution, pairs, [pipeline_ctx, ctx])

    def set_state(self, run_id, state):
        for index, run in enumerate(self.runs):
            if run["run_id"] == run_id:
                run["state"] = state
                final = state not in ("PENDING", "RUNNING", "CANCELING", "PAUSED")
                run["finished_at"] = (rfc3339(BASE_TIME + 60 * index + 42) if final
                                      else "1970-01-01T00:00:00Z")
                return
        raise KeyError(run_id)

    def metrics_artifact(self, task_name, output, metrics):
        artifact = pb.Artifact(type_id=self.metrics_type, state=pb.Artifact.LIVE,
                               uri=f"minio://mlpipeline/v2/artifacts/{task_name}/{output}")
        for key, value in metrics.items():
            set_value(artifact.custom_properties[key], value)
        if "display_name" not in artifact.custom_properties:
            artifact.custom_properties["display_name"].string_value = output
        artifact.custom_properties["store_session_info"].string_value = '{"Provider":"minio"}'
        return artifact

    def add_run(self, run_id, name, state, pipeline="train-pipeline", experiment=EXPERIMENT,
                finished=True, params=None):
        index = len(self.runs)
        self.runs.append({
            "run_id": run_id,
            "display_name": name,
            "experiment_id": experiment["experiment_id"],
            "namespace": experiment["namespace"],
            "storage_state": "AVAILABLE",
            "pipeline_version_reference": {"pipeline_id": "p-1", "pipeline_version_id": "v-1"},
            "pipeline_spec": {"pipelineInfo": {"name": pipeline}},
            "runtime_config": {"parameters": params or {"learning_rate": 0.01, "epochs": 12}},
            "created_at": rfc3339(BASE_TIME + 60 * index),
            "scheduled_at": rfc3339(BASE_TIME + 60 * index),
            "finished_at": rfc3339(BASE_TIME + 60 * index + 42) if finished else "1970-01-01T00:00:00Z",
            "state": state,
        })


def set_value(value, python_value):
    """A metric as KFP's StructValueToMLMDValue stores it: numbers double, bools int 1/0,
    strings string, lists and dicts a struct."""
    if isinstance(python_value, bool):
        value.int_value = 1 if python_value else 0
    elif isinstance(python_value, (int, float)):
        value.double_value = float(python_value)
    elif isinstance(python_value, str):
        value.string_value = python_value
    elif isinstance(python_value, list):
        value.struct_value.update({"list": python_value})
    else:
        value.struct_value.update({"struct": python_value})


def output_event(name):
    event = pb.Event(type=pb.Event.OUTPUT)
    event.path.steps.add().key = name
    return event


def rfc3339(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def fill(store, bench_runs, bench_only, big_run):
    """The runs the module docstring lists."""
    complete = pb.Execution.COMPLETE
    if not bench_only:
        fill_fixed(store, big_run)
    for index in range(bench_runs):
        run_id = f"bench-{index:04d}"
        _, ctx, root = store.run_context(run_id, "bench-pipeline")
        bench = store.pipeline_context("bench-pipeline")
        for task in ("prepare", "train", "evaluate"):
            store.task((bench, ctx), root, task, task, complete,
                       [("metrics", {"score": (index * 7 % 100) / 100, "step": index})])
        store.add_run(run_id, f"bench {index}", "SUCCEEDED", pipeline="bench-pipeline")


def fill_fixed(store, big_run):
    """The runs every test sees, and the big one when asked for."""
    complete, failed = pb.Execution.COMPLETE, pb.Execution.FAILED
    run_id = "1b4c7e2a-0000-4000-8000-000000000001"
    _, ctx, root = store.run_context(run_id, "train-pipeline")
    pctx = store.pipeline_context("train-pipeline")
    _, train_ids = store.task((pctx, ctx), root, "train", "train", complete, [
        ("metrics", {"accuracy": 0.1 + 0.2 + 0.65, "loss": 0.25, "epochs": 12, "tiny": 1e-7,
                     "converged": True, "note": "baseline"}),
    ])
    store.task((pctx, ctx), root, "train-again", "train-2", complete,
               [("metrics", {"accuracy": 0.91, "loss": 0.3})])
    store.task((pctx, ctx), root, "evaluate", "evaluate", complete, [
        ("eval_metrics", {"precision": 0.8}),
        ("extra", {"recall": 0.7, "thresholds": [0.1, 0.5]}),
    ])
    store.add_run(run_id, "train-eval", "SUCCEEDED")

    run_id = "1b4c7e2a-0000-4000-8000-000000000002"
    _, ctx, root = store.run_context(run_id, "train-pipeline")
    store.task((pctx, ctx), root, "train", "train", pb.Execution.CACHED,
               [("metrics", train_ids[0]), ("executor-logs", train_ids[1])],
               cached_from=1, logs=False)
    store.add_run(run_id, "cached", "SUCCEEDED")

    run_id = "1b4c7e2a-0000-4000-8000-000000000003"
    _, ctx, root = store.run_context(run_id, "train-pipeline")
    store.task((pctx, ctx), root, "train", "train", failed, [])
    store.add_run(run_id, "failed", "FAILED")

    run_id = "1b4c7e2a-0000-4000-8000-000000000004"
    _, ctx, root = store.run_context(run_id, "train-pipeline")
    store.task((pctx, ctx), root, "train", "train", pb.Execution.RUNNING, [], logs=False)
    store.add_run(run_id, "running", "RUNNING", finished=False)

    run_id = "1b4c7e2a-0000-4000-8000-000000000005"
    store.add_run(run_id, "legacy-v1", "SUCCEEDED", experiment=OTHER_EXPERIMENT)
    store.v1_runs[run_id] = {"run": {
        "id": run_id, "name": "legacy-v1", "status": "Succeeded",
        "created_at": rfc3339(BASE_TIME), "finished_at": rfc3339(BASE_TIME + 42),
        "metrics": [{"name": "accuracy-score", "node_id": "train-1", "number_value": 0.875,
                     "format": "PERCENTAGE"}],
    }}

    if big_run:
        run_id = "1b4c7e2a-0000-4000-8000-00000000b160"
        _, ctx, root = store.run_context(run_id, "big-pipeline")
        big = store.pipeline_context("big-pipeline")
        for task in range(100):
            outputs = [(f"m{k:03d}", {"value": task * 100 + k}) for k in range(100)]
            store.task((big, ctx), root, f"task-{task:03d}", f"task-{task:03d}", complete,
                       outputs, logs=False)
        store.add_run(run_id, "big", "SUCCEEDED", pipeline="big-pipeline")


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.faults = {}
        self.mlmd_calls = {}
        self.rest_calls = 0
        self.runs_pages = []

    def take_unavailable(self):
        with self.lock:
            left = self.faults.get("unavailable", 0)
            if left > 0:
                self.faults["unavailable"] = left - 1
                return True
            return False


def make_handler(store, state, token, cookie, delay):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # As Envoy: TCP_NODELAY, so a small write is not held back for the last one's ACK.
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            path = url.path
            query = dict(urllib.parse.parse_qsl(url.query))
            if path.startswith("/pipeline/"):
                path = path[len("/pipeline"):]
            if not path.startswith("/apis/"):
                return self.send(404, "text/plain", b"404 page not found\n")
            with state.lock:
                state.rest_calls += 1
                fault = state.faults.get("rest401")
                down = state.faults.get("rest500")
            if fault:
                return self.send(401, "text/plain", b"Unauthorized: token expired\n")
            if down:
                return self.send(500, "application/json", json.dumps(
                    {"error": "Internal error: the database is down", "code": 13}).encode())
            if not self.authorized():
                return self.send(401, "text/plain", b"Unauthorized\n")
            self.rest(path, query)

        def do_POST(self):
            path = urllib.parse.urlsplit(self.path).path
            body = self.read_body()
            prefix = "/ml_metadata.MetadataStoreService/"
            if not path.startswith(prefix):
                return self.send(404, "text/plain", b"404 page not found\n")
            method = path[len(prefix):]
            with state.lock:
                state.mlmd_calls[method] = state.mlmd_calls.get(method, 0) + 1
                faults = dict(state.faults)
            if not self.authorized():
                return self.send(401, "text/plain", b"Unauthorized\n")
            if faults.get("mlmd403"):
                return self.send(403, "text/plain", b"RBAC: access denied")
            if faults.get("mlmd502"):
                page = b"<html><head><title>502 Bad Gateway</title></head><body>" \
                       b"<center><h1>502 Bad Gateway</h1></center></body></html>\n"
                return self.send(502, "text/html", page)
            if not self.headers.get("Content-Type", "").startswith("application/grpc-web"):
                return self.trailers_only(3, "not a grpc-web request")
            if len(body) < 5 or body[0] != 0 or int.from_bytes(body[1:5], "big") != len(body) - 5:
                return self.trailers_only(13, "malformed grpc-web request frame")
            if state.take_unavailable():
                return self.trailers_only(14, "upstream connect error or disconnect/reset before headers")
            if not hasattr(svc, method + "Request"):
                return self.trailers_only(12, f"unknown method {method}")
            if delay:
                time.sleep(delay)
            try:
                answer = store.call(method, body[5:])
            except errors.StatusError as error:
                return self.trailers_only(error.error_code, str(error))
            data = frame(0, answer)
            if faults.get("truncate"):
                return self.chunked([data[: max(5, len(data) // 2)]])
            if faults.get("endless"):
                return self.endless()
            trailer = frame(0x80, b"grpc-status:0\r\ngrpc-message:\r\n")
            # Envoy forwards the upstream's pieces as they come: several chunks per frame.
            pieces = [data[i:i + 4096] for i in range(0, len(data), 4096)] + [trailer]
            self.chunked(pieces)

        def authorized(self):
            if token and self.headers.get("Authorization") != f"Bearer {token}":
                return False
            if cookie and cookie not in (self.headers.get("Cookie") or ""):
                return False
            return True

        def read_body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return body
                    body += self.rfile.read(size)
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def send(self, status, content_type, body, headers=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def trailers_only(self, code, message):
            self.send(200, "application/grpc-web+proto", b"", [
                ("grpc-status", str(code)),
                ("grpc-message", urllib.parse.quote(message, safe=" ")),
            ])

        def chunked(self, pieces):
            self.send_response(200)
            self.send_header("Content-Type", "application/grpc-web+proto")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in pieces:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")

        def endless(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/grpc-web+proto")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            piece = frame(0, b"\x0a\x00" * 32760)
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def rest(self, path, query):
            if path == "/apis/v2beta1/healthz":
                return self.json({"commit_sha": "test", "tag_name": "2.5.0", "multi_user": False})
            if path == "/apis/v2beta1/experiments":
                items = [e for e in (EXPERIMENT, OTHER_EXPERIMENT)
                         if query.get("namespace") in (None, e["namespace"])]
                return self.page("experiments", items, query)
            if path == "/apis/v2beta1/runs":
                with store.lock:
                    listed = list(store.runs)
                runs = [r for r in reversed(listed)
                        if query.get("experiment_id") in (None, r["experiment_id"])
                        and query.get("namespace") in (None, r["namespace"])]
                self.page("runs", runs, query)
                with state.lock:
                    state.runs_pages.append(time.monotonic_ns())
                return
            if path.startswith("/apis/v2beta1/runs/"):
                run_id = path.rsplit("/", 1)[1]
                for run in store.runs:
                    if run["run_id"] == run_id:
                        return self.json(run)
            if path.startswith("/apis/v1beta1/runs/"):
                run = store.v1_runs.get(path.rsplit("/", 1)[1])
                if run:
                    return self.json(run)
            self.send(404, "application/json",
                      json.dumps({"error": "not found", "code": 5}).encode())

        def page(self, key, items, query):
            try:
                size = int(query.get("page_size", 20))
                start = int(query.get("page_token") or 0)
            except ValueError:
                return self.send(400, "application/json", b'{"error":"bad page","code":3}')
            if size <= 0:
                return self.send(400, "application/json",
                                 b'{"error":"The page size should be greater than 0","code":3}')
            size = min(size, 200)
            answer = {"total_size": len(items)}
            if items[start:start + size]:
                answer[key] = items[start:start + size]
            if start + size < len(items):
                answer["next_page_token"] = str(start + size)
            self.json(answer)

        def json(self, value):
            self.send(200, "application/json", json.dumps(value).encode())

    return Handler


def frame(flag, payload):
    return bytes([flag]) + len(payload).to_bytes(4, "big") + payload


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token")
    parser.add_argument("--cookie")
    parser.add_argument("--bench-runs", type=int, default=0)
    parser.add_argument("--bench-only", action="store_true",
                        help="only the --bench-runs runs, none of the fixed ones")
    parser.add_argument("--big-run", action="store_true")
    parser.add_argument("--delay-ms", type=float, default=0,
                        help="each MLMD call waits this long (a remote server's latency)")
    args = parser.parse_args()
    store = Store()
    fill(store, args.bench_runs, args.bench_only, args.big_run)
    state = State()
    handler = make_handler(store, state, args.token, args.cookie, args.delay_ms / 1000)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=serve_control, args=(store, state, server), daemon=True).start()
    server.serve_forever()


def change_runs(store, line):
    """One of the commands that change runs; `ok`, or `error: …`."""
    words = line.split(None, 4)
    try:
        with store.lock:
            if words[0] == "add-run" and len(words) >= 4:
                run_id, run_state = words[1], words[2]
                store.run_context(run_id, "train-pipeline")
                store.add_run(run_id, line.split(None, 3)[3].strip(), run_state,
                              finished=run_state not in ("PENDING", "RUNNING"))
            elif words[0] == "task" and len(words) >= 4:
                metrics = json.loads(words[4]) if len(words) == 5 else None
                store.record_task(words[1], words[2], words[3], metrics)
            elif words[0] == "state" and len(words) == 3:
                store.set_state(words[1], words[2])
            else:
                return "error: bad command"
    except Exception as error:  # noqa: BLE001 - any failure is answered, never a silent stop
        return f"error: {error!r}"
    return "ok"


def serve_control(store, state, server):
    """Reads control commands from stdin; shuts the server down when stdin closes (the test
    that started it ended, or died)."""
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] in ("add-run", "task", "state"):
            print(change_runs(store, line), flush=True)
            continue
        with state.lock:
            if words[:1] == ["stats"]:
                answer = json.dumps({"mlmd": state.mlmd_calls, "rest": state.rest_calls})
            elif words[:1] == ["pages"]:
                answer = json.dumps(state.runs_pages)
            elif words[:1] == ["reset"]:
                state.reset()
                answer = "ok"
            elif len(words) == 3 and words[0] == "set":
                state.faults[words[1]] = int(words[2])
                answer = "ok"
            else:
                answer = "error: unknown command"
        print(answer, flush=True)
    server.shutdown()


if __name__ == "__main__":
    main()
