using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Tests.Support;

/// <summary>Activities shared by the runtime tests (registered under their class names).</summary>
internal static class Activities
{
    /// <summary>Returns its input with "!" and counts runs per input.</summary>
    internal sealed class Echo(Probe probe) : Activity<string, string>
    {
        public override Task<string> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken)
        {
            probe.Increment("Echo:" + input);
            probe.Log.Enqueue(input);
            return Task.FromResult(input + "!");
        }
    }

    /// <summary>Fails the first N runs for input "N:key", then succeeds.</summary>
    internal sealed class Flaky(Probe probe) : Activity<string, int>
    {
        public override Task<int> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken)
        {
            var failures = int.Parse(input.Split(':')[0]);
            var run = probe.Increment("Flaky:" + input);
            if (run <= failures)
            {
                throw new InvalidOperationException($"Transient failure {run} of {input}");
            }

            return Task.FromResult(run);
        }
    }

    /// <summary>Always fails with an argument error (not worth retrying).</summary>
    internal sealed class Broken(Probe probe) : Activity<string, int>
    {
        public override Task<int> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken)
        {
            probe.Increment("Broken:" + input);
            throw new ArgumentException("Bad data: " + input);
        }
    }

    /// <summary>Holds until the test releases <see cref="Probe.Gate"/>, tracking how many run at once.</summary>
    internal sealed class Blocking(Probe probe) : Activity<int, int>
    {
        public override async Task<int> RunAsync(ActivityContext context, int input, CancellationToken cancellationToken)
        {
            probe.Enter();
            try
            {
                await probe.Gate.WaitAsync(cancellationToken);
                return input;
            }
            finally
            {
                probe.Exit();
            }
        }
    }
}
