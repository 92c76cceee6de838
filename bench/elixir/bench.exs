# The Elixir/OTP counterparts of Rumbl's benchmark scenarios 1, 2, 3 and 5, written as the book
# writes them (GenServer, Supervisor, DynamicSupervisor). BenchMain runs this script with the
# sizes of the Java run when elixir is installed; by hand:
#
#   elixir bench/elixir/bench.exs WARMUPS ROUNDS CASTS CALLS RESTARTS CHILDREN CHILD_ROUNDS
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

[warmups, rounds, casts, calls, restarts, children, child_rounds] = Enum.map(System.argv(), &String.to_integer/1)
IO.puts("Elixir #{System.version()}, OTP #{System.otp_release()}, #{System.schedulers_online()} schedulers")
Bench.Scenarios.cast(warmups, rounds, casts)
Bench.Scenarios.call(warmups, rounds, calls)
Bench.Scenarios.restart(warmups, rounds, restarts)
Bench.Scenarios.children(child_rounds, children)
