using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RetailSync.Testing;

/// <summary>
/// A private Azurite (Blob, Queue, Table) on 127.0.0.1, in memory, on ports the OS picks. Started from the
/// repository's node_modules (./build.sh runs <c>npm ci</c>). Set <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>
/// to use an emulator or account that is already running instead, and <c>RETAILSYNC_STORAGE_PID</c> to the
/// process id of that emulator (./build.sh sets both) so that <see cref="ProcessorTime"/> can read its CPU.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process? _process;
    private readonly Process? _observed;

    private AzuriteInstance(Process? process, Process? observed, string connectionString)
    {
        _process = process;
        _observed = observed;
        ConnectionString = connectionString;
    }

    /// <summary>Storage connection string for Blob, Queue and Table endpoints.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// <see langword="true"/> when the storage ends with this run: an emulator started here, or the one ./build.sh
    /// started for the command (<c>RETAILSYNC_STORAGE_PID</c>). <see langword="false"/> for an account or emulator
    /// that outlives the run, where a caller deletes what it created.
    /// </summary>
    public bool IsRunScoped => _process is not null || _observed is not null;

    /// <summary>
    /// CPU time the emulator process has used so far, or <see langword="null"/> when it is not known: an external
    /// emulator or account (<c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>) without <c>RETAILSYNC_STORAGE_PID</c>, or a
    /// process that has exited. The ingest benchmark divides it by the writes of a run to tell the emulator's own
    /// cost per queue write apart from ours.
    /// </summary>
    public TimeSpan? ProcessorTime
    {
        get
        {
            var process = _process ?? _observed;
            try
            {
                if (process is null || process.HasExited)
                {
                    return null;
                }

                process.Refresh();
                return process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // The process went away between the check and the read, or this platform does not expose its CPU.
                return null;
            }
        }
    }

    public static async Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable("RETAILSYNC_STORAGE_CONNECTION_STRING");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new AzuriteInstance(null, Observe(Environment.GetEnvironmentVariable("RETAILSYNC_STORAGE_PID")), external);
        }

        var azurite = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed ({azurite}). Run 'npm ci' in {RepositoryPaths.Root} (./build.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --silent: no access-log line per request. Every line is kept below for the start-up diagnostics, so under
        // load the log grew without bound in this process, and the emulator spent part of each request writing it.
        // --disableTelemetry: no usage telemetry collected per request and sent off the machine (on by default since 3.34).
        foreach (var arg in new[]
                 {
                     azurite, "--silent", "--disableTelemetry", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", "0",
                     "--queueHost", "127.0.0.1", "--queuePort", "0",
                     "--tableHost", "127.0.0.1", "--tablePort", "0",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"Azurite exited before it was ready:\n{output}"));
                return;
            }

            lock (ports)
            {
                output.AppendLine(e.Data);
                var match = ListeningLine().Match(e.Data);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (ports)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        var connectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports["Table"]}/devstoreaccount1;";
        return new AzuriteInstance(process, null, connectionString);
    }

    /// <summary>The already running emulator with this process id, watched for its CPU only (never stopped from here).</summary>
    private static Process? Observe(string? pid)
    {
        if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        try
        {
            return Process.GetProcessById(id);
        }
        catch (ArgumentException)
        {
            // No such process (any more): the CPU figures read "na".
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _observed?.Dispose();
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
