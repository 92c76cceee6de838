# The Elixir/OTP counterparts of Rumbl's benchmark scenarios 1 to 5, written as the book writes
# them (GenServer, Supervisor, DynamicSupervisor, Task.Supervisor). BenchMain runs this script
# with the sizes of the Java run when elixir is installed; by hand:
#
#   elixir bench/elixir/bench.exs WARMUPS ROUNDS CASTS CALLS RESTARTS CHILDREN CHILD_ROUNDS COMPUTES CALLERS [SCENARIO...]
#
# Scenario numbers after the sizes (as "1 3") run only those scenarios; none runs all of them.
#
# Each figure is printed as "RESULT <key> <value>", with the key of the Java measurement, and is
# the median of the measured rounds, as on the Java side.

defmodule Bench.Counter do
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, Keyword.get(opts, :initial, 0), Keyword.take(opts, [:name]))
  end

  def inc(counter), do: GenServer.cast(counter, :inc)
  def val(counter), do: GenServer.call(counter, :val)

  @impl true
  def init(initial), do: {:ok, initial}

  @impl true
  def handle_cast(:inc, value), do: {:noreply, value + 1}

  @impl true
  def handle_call(:val, _from, value), do: {:reply, value, value}
end

defmodule Bench.Cache do
  # the book's InfoSys.Cache: a process owning a public ETS table, emptied every clear_ms
  use GenServer

  def start_link(clear_ms), do: GenServer.start_link(__MODULE__, clear_ms, name: __MODULE__)

  def put(key, value), do: true = :ets.insert(__MODULE__, {key, value})

  def fetch(key) do
    case :ets.lookup(__MODULE__, key) do
      [{^key, value}] -> {:ok, value}
      [] -> :error
    end
  end

  @impl true
  def init(clear_ms) do
    __MODULE__ = :ets.new(__MODULE__, [:set, :public, :named_table, read_concurrency: true, write_concurrency: true])
    Process.send_after(self(), :clear, clear_ms)
    {:ok, clear_ms}
  end

  @impl true
  def handle_info(:clear, clear_ms) do
    :ets.delete_all_objects(__MODULE__)
    Process.send_after(self(), :clear, clear_ms)
    {:noreply, clear_ms}
  end
end

defmodule Bench.InfoSys do
  # the book's InfoSys.compute: one Task per uncached backend under a Task.Supervisor (async_nolink,
  # brutal_kill), Task.yield_many under one deadline, stragglers shut down, answers cached, results
  # sorted by score and cut to the limit. The three backends answer at once, as InstantBackend does.
  alias Bench.Cache

  @backends [{"bench.one", 90}, {"bench.two", 60}, {"bench.three", 30}]

  def compute(query, opts \\ []) do
    limit = opts[:limit] || 10
    timeout = opts[:timeout] || 10_000
    {uncached, cached} = fetch_cached_results(query, limit)

    uncached
    |> Enum.map(&async_query(&1, query, limit))
    |> Task.yield_many(timeout)
    |> Enum.map(fn {task, res} -> res || Task.shutdown(task, :brutal_kill) end)
    |> Enum.flat_map(fn
      {:ok, {backend, results}} -> write_results_to_cache(backend, results, query, limit)
      _ -> []
    end)
    |> Kernel.++(cached)
    |> Enum.sort(&(&1.score >= &2.score))
    |> Enum.take(limit)
  end

  def answer({name, score}, query, _limit), do: {name, [%{backend: name, score: score, text: query, url: nil}]}

  defp async_query(backend, query, limit) do
    Task.Supervisor.async_nolink(Bench.TaskSupervisor, __MODULE__, :answer, [backend, query, limit], shutdown: :brutal_kill)
  end

  defp fetch_cached_results(query, limit) do
    Enum.reduce(@backends, {[], []}, fn {name, _} = backend, {uncached, results} ->
      case Cache.fetch({name, query, limit}) do
        {:ok, cached} -> {uncached, cached ++ results}
        :error -> {[backend | uncached], results}
      end
    end)
  end

  defp write_results_to_cache(name, results, query, limit) do
    Cache.put({name, query, limit}, results)
    results
  end
end

defmodule Bench.Stats do
  def median(values) do
    sorted = Enum.sort(values)
    n = length(sorted)
    middle = div(n, 2)
    if rem(n, 2) == 1, do: Enum.at(sorted, middle), else: (Enum.at(sorted, middle - 1) + Enum.at(sorted, middle)) / 2
  end

  # nearest rank, as Stats.percentile on the Java side
  def percentile(samples, p) do
    sorted = Enum.sort(samples)
    rank = ceil(p / 100 * length(sorted))
    Enum.at(sorted, max(0, min(length(sorted), rank) - 1))
  end

  def mean(samples), do: Enum.sum(samples) / length(samples)

  def now, do: System.monotonic_time(:nanosecond)

  def result(key, value), do: IO.puts("RESULT #{key} #{:erlang.float_to_binary(value / 1, decimals: 3)}")

  # runs warmups + rounds rounds of fun, returns the measured ones
  def rounds(warmups, rounds, fun) do
    for round <- 1..(warmups + rounds), result = fun.(), round > warmups, do: result
  end
end

defmodule Bench.Scenarios do
  alias Bench.{Counter, Stats}

  def cast(warmups, rounds, casts) do
    {:ok, counter} = Counter.start_link(initial: 0)
    rates =
      Stats.rounds(warmups, rounds, fn ->
        before = Counter.val(counter)
        start = Stats.now()
        send_casts(counter, casts)
        after_casts = Counter.val(counter)
        elapsed = Stats.now() - start
        ^casts = after_casts - before
        casts * 1.0e9 / elapsed
      end)
    Stats.result("cast.throughput", Stats.median(rates))
    GenServer.stop(counter)
  end

  defp send_casts(_counter, 0), do: :ok

  defp send_casts(counter, n) do
    Counter.inc(counter)
    send_casts(counter, n - 1)
  end

  def call(warmups, rounds, calls) do
    {:ok, counter} = Counter.start_link(initial: 0)
    figures =
      Stats.rounds(warmups, rounds, fn ->
        samples = for _ <- 1..calls, do: timed(fn -> Counter.val(counter) end)
        {Stats.mean(samples) / 1000, Stats.percentile(samples, 50) / 1000, Stats.percentile(samples, 99) / 1000}
      end)
    Stats.result("call.mean_us", Stats.median(Enum.map(figures, &elem(&1, 0))))
    Stats.result("call.p50_us", Stats.median(Enum.map(figures, &elem(&1, 1))))
    Stats.result("call.p99_us", Stats.median(Enum.map(figures, &elem(&1, 2))))
    GenServer.stop(counter)
  end

  defp timed(fun) do
    start = Stats.now()
    fun.()
    Stats.now() - start
  end

  def restart(warmups, rounds, restarts) do
    children = [%{id: :counter, start: {Counter, :start_link, [[initial: 0, name: Bench.RestartedCounter]]}}]
    {:ok, supervisor} = Supervisor.start_link(children, strategy: :one_for_one, max_restarts: 1_000_000_000, max_seconds: 1)
    figures =
      Stats.rounds(warmups, rounds, fn ->
        samples = for _ <- 1..restarts, do: restart_cycle(supervisor)
        {Stats.percentile(samples, 50) / 1000, Stats.percentile(samples, 99) / 1000}
      end)
    Stats.result("restart.p50_us", Stats.median(Enum.map(figures, &elem(&1, 0))))
    Stats.result("restart.p99_us", Stats.median(Enum.map(figures, &elem(&1, 1))))
    Supervisor.stop(supervisor)
  end

  # from the kill to the replacement answering, waiting for each step as the Java side does: the
  # DOWN, then the supervisor's children, then a call; the new counter answers 0 where the old had 1
  defp restart_cycle(supervisor) do
    old = Process.whereis(Bench.RestartedCounter)
    Counter.inc(old)
    1 = Counter.val(old)
    ref = Process.monitor(old)
    start = Stats.now()
    Process.exit(old, :kill)
    receive do
      {:DOWN, ^ref, :process, ^old, _} -> :ok
    end
    0 = Counter.val(replacement_of(supervisor, old))
    Stats.now() - start
  end

  defp replacement_of(supervisor, old) do
    case Supervisor.which_children(supervisor) do
      [{:counter, pid, :worker, _}] when is_pid(pid) and pid != old -> pid
      _ -> replacement_of(supervisor, old)
    end
  end

  # as InfoSysCompute: every compute asks a new question and must get the three answers, best first
  def compute(warmups, rounds, computes, callers) do
    {:ok, _} = Task.Supervisor.start_link(name: Bench.TaskSupervisor)
    {:ok, _} = Bench.Cache.start_link(1_000)
    seq = compute_rounds(warmups, rounds, computes, 1)
    Stats.result("compute.seq.throughput", Stats.median(Enum.map(seq, &elem(&1, 0))))
    Stats.result("compute.seq.p50_us", Stats.median(Enum.map(seq, &elem(&1, 1))))
    Stats.result("compute.seq.p99_us", Stats.median(Enum.map(seq, &elem(&1, 2))))
    concurrent = compute_rounds(warmups, rounds, computes, callers)
    Stats.result("compute.concurrent.throughput", Stats.median(Enum.map(concurrent, &elem(&1, 0))))
    Stats.result("compute.concurrent.p50_us", Stats.median(Enum.map(concurrent, &elem(&1, 1))))
    Stats.result("compute.concurrent.p99_us", Stats.median(Enum.map(concurrent, &elem(&1, 2))))
  end

  # the figures of each measured round: computes/s, p50 and p99 latency in µs
  defp compute_rounds(warmups, rounds, computes, callers) do
    per_caller = max(1, div(computes, callers))
    Stats.rounds(warmups, rounds, fn ->
      parent = self()
      start = Stats.now()
      for _ <- 1..callers, do: spawn_link(fn -> send(parent, {:samples, timed_computes(per_caller)}) end)
      samples = Enum.flat_map(1..callers, fn _ -> receive do: ({:samples, samples} -> samples) end)
      elapsed = Stats.now() - start
      {length(samples) * 1.0e9 / elapsed, Stats.percentile(samples, 50) / 1000, Stats.percentile(samples, 99) / 1000}
    end)
  end

  defp timed_computes(count) do
    for _ <- 1..count do
      query = "question #{System.unique_integer([:positive])}"
      timed(fn -> [%{text: ^query, score: 90}, %{score: 60}, %{score: 30}] = Bench.InfoSys.compute(query) end)
    end
  end

  def children(child_rounds, children) do
    figures = Stats.rounds(1, child_rounds, fn -> children_round(children) end)
    Stats.result("children.start_ms", Stats.median(Enum.map(figures, &elem(&1, 0))))
    Stats.result("children.heap_bytes", Stats.median(Enum.map(figures, &elem(&1, 1))))
    Stats.result("children.stop_ms", Stats.median(Enum.map(figures, &elem(&1, 2))))
  end

  defp children_round(children) do
    {:ok, supervisor} = DynamicSupervisor.start_link(strategy: :one_for_one)
    before = process_memory()
    start = Stats.now()
    for i <- 1..children do
      spec = %{id: Counter, start: {Counter, :start_link, [[initial: i]]}, restart: :temporary}
      {:ok, _} = DynamicSupervisor.start_child(supervisor, spec)
    end
    started = Stats.now()
    after_start = process_memory()
    %{active: ^children} = DynamicSupervisor.count_children(supervisor)
    stop_start = Stats.now()
    :ok = DynamicSupervisor.stop(supervisor)
    stopped = Stats.now()
    {(started - start) / 1.0e6, (after_start - before) / children, (stopped - stop_start) / 1.0e6}
  end

  # memory of all processes after collecting each of them, as the JVM side measures after a full GC
  defp process_memory do
    Enum.each(Process.list(), &:erlang.garbage_collect/1)
    :erlang.memory(:processes)
  end
end

{sizes, chosen} = System.argv() |> Enum.map(&String.to_integer/1) |> Enum.split(9)
[warmups, rounds, casts, calls, restarts, children, child_rounds, computes, callers] = sizes
run? = fn scenario -> chosen == [] or scenario in chosen end
IO.puts("Elixir #{System.version()}, OTP #{System.otp_release()}, #{System.schedulers_online()} schedulers")
if run?.(1), do: Bench.Scenarios.cast(warmups, rounds, casts)
if run?.(2), do: Bench.Scenarios.call(warmups, rounds, calls)
if run?.(3), do: Bench.Scenarios.restart(warmups, rounds, restarts)
if run?.(4), do: Bench.Scenarios.compute(warmups, rounds, computes, callers)
if run?.(5), do: Bench.Scenarios.children(child_rounds, children)
