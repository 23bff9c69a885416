using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using RetailSync.Odoo.Caching;
using RetailSync.Odoo.Protocol;
using RetailSync.Odoo.Telemetry;
using RetailSync.Odoo.Versions;

namespace RetailSync.Odoo;

/// <summary>
/// Talks to one Odoo database: detects the version once (or takes it pinned), picks the transport of that
/// version (JSON-RPC for 17/18, JSON-2 for 19+), maps errors to typed exceptions, traces and measures every
/// call, and offers ORM helpers. Thread-safe; register one per database as a singleton.
/// The business operations (<see cref="OdooSalesOperations"/>, <see cref="OdooStockOperations"/>,
/// <see cref="OdooAccountingOperations"/>) are built on it.
/// </summary>
public class OdooClient
{
    /// <summary>Name of the HttpClient (and its resilience pipeline) registered by <c>AddOdooClient</c>.</summary>
    public const string HttpClientName = "RetailSync.Odoo";

    private readonly OdooConnection _connection = null!;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly ResiliencePipeline _operationPipeline = ResiliencePipeline.Empty;
    private readonly Lock _connectGate = new();
    private Session? _session;
    private Task<Session>? _connecting;

    /// <summary>For mocking only.</summary>
    protected OdooClient()
    {
        Options = new OdooClientOptions();
        TimeProvider = TimeProvider.System;
        Catalog = null!;
    }

    /// <summary>Creates a client over the given HttpClient (no resilience handler unless the HttpClient has one).</summary>
    public OdooClient(OdooClientOptions options, HttpClient httpClient, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, ReturnSame(httpClient), timeProvider ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance)
    {
    }

    internal OdooClient(OdooClientOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, ILoggerFactory loggerFactory, Func<string>? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        Options = options with { BaseUrl = WithTrailingSlash(options.BaseUrl!) };
        TimeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<OdooClient>();
        _connection = new OdooConnection(httpClient, Options, apiKey ?? (() => options.ApiKey));
        _operationPipeline = BuildOperationPipeline(Options.Retry, timeProvider, _logger);
        Catalog = new OdooCatalog(this);
    }

    internal OdooClientOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal OdooCatalog Catalog { get; }

    /// <summary>The Odoo major version (pinned, or detected once through <c>common.version</c>).</summary>
    public virtual async Task<int> GetVersionAsync(CancellationToken cancellationToken = default) =>
        (await GetSessionAsync(cancellationToken)).Profile.Major;

    /// <summary>Runs one model method and returns its raw result (a JSON null when Odoo returned None).</summary>
    public virtual async Task<JsonElement> ExecuteAsync(OdooRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await GetSessionAsync(cancellationToken);
        using var activity = OdooTelemetry.Source.StartActivity($"odoo {request.Model}.{request.Method}", ActivityKind.Client);
        activity?.SetTag("odoo.model", request.Model);
        activity?.SetTag("odoo.method", request.Method);
        activity?.SetTag("odoo.version", session.Profile.Major);
        activity?.SetTag("db.namespace", Options.Database);
        var started = TimeProvider.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await session.Transport.ExecuteAsync(request, cancellationToken);
        }
        catch (OdooException ex)
        {
            outcome = Outcome(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.ErrorName ?? ex.GetType().Name);
            if (ex is OdooAuthenticationException)
            {
                // The key may have been rotated: log in again on the next call.
                ForgetSession(session);
            }

            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "canceled";
            throw;
        }
        finally
        {
            var elapsed = TimeProvider.GetElapsedTime(started);
            OdooTelemetry.CallDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>("odoo.model", request.Model),
                new KeyValuePair<string, object?>("odoo.method", request.Method),
                new KeyValuePair<string, object?>("outcome", outcome));
            activity?.SetTag("outcome", outcome);
            _logger.LogDebug("Odoo {Model}.{Method} {Outcome} in {ElapsedMs} ms", request.Model, request.Method, outcome, elapsed.TotalMilliseconds);
        }
    }

    /// <summary><c>search_read</c>: the records matching <paramref name="domain"/>, with the given fields.</summary>
    public virtual async Task<IReadOnlyList<OdooRecord>> SearchReadAsync(
        string model,
        IReadOnlyList<object> domain,
        IReadOnlyList<string> fields,
        int? limit = null,
        string? order = null,
        IReadOnlyDictionary<string, object?>? context = null,
        CancellationToken cancellationToken = default)
    {
        var keywords = new Dictionary<string, object?>(StringComparer.Ordinal) { ["fields"] = fields };
        if (limit is { } l)
        {
            keywords["limit"] = l;
        }

        if (order is not null)
        {
            keywords["order"] = order;
        }

        var result = await ExecuteAsync(
            new OdooRequest(model, "search_read")
            {
                Arguments = [new("domain", domain)],
                Keywords = keywords,
                Context = context,
                ReadOnly = true,
            },
            cancellationToken);
        return ToRecords(result, model, "search_read");
    }

    /// <summary><c>read</c>: the given records with the given fields (missing ids are simply absent).</summary>
    public virtual async Task<IReadOnlyList<OdooRecord>> ReadAsync(
        string model,
        IReadOnlyList<long> ids,
        IReadOnlyList<string> fields,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var result = await ExecuteAsync(
            new OdooRequest(model, "read") { Ids = ids, Arguments = [new("fields", fields)], ReadOnly = true },
            cancellationToken);
        return ToRecords(result, model, "read");
    }

    /// <summary><c>create</c> of one record; returns its id.</summary>
    public virtual async Task<long> CreateAsync(
        string model,
        IReadOnlyDictionary<string, object?> values,
        IReadOnlyDictionary<string, object?>? context = null,
        CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(
            new OdooRequest(model, "create") { Arguments = [new("vals_list", new[] { values })], Context = context },
            cancellationToken);
        return result.ValueKind switch
        {
            JsonValueKind.Number => result.GetInt64(),
            JsonValueKind.Array when result.GetArrayLength() == 1 => result[0].GetInt64(),
            _ => throw new OdooException($"Odoo's reply to {model}.create holds no id.", null, model, "create"),
        };
    }

    /// <summary><c>write</c> of the same values on the given records.</summary>
    public virtual async Task WriteAsync(
        string model,
        IReadOnlyList<long> ids,
        IReadOnlyDictionary<string, object?> values,
        IReadOnlyDictionary<string, object?>? context = null,
        CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            new OdooRequest(model, "write") { Ids = ids, Arguments = [new("vals", values)], Context = context },
            cancellationToken);

    /// <summary>Calls a button or action method (<c>action_confirm</c>, <c>button_validate</c>, ...) on records.</summary>
    public virtual Task<JsonElement> CallAsync(
        string model,
        string method,
        IReadOnlyList<long> ids,
        IReadOnlyDictionary<string, object?>? context = null,
        CancellationToken cancellationToken = default) =>
        ExecuteAsync(new OdooRequest(model, method) { Ids = ids, Context = context }, cancellationToken);

    /// <summary>
    /// Runs an idempotent operation (it looks up before it writes), repeating it whole on transient failures,
    /// so a retry after a lost reply finds what Odoo committed instead of writing twice.
    /// </summary>
    internal async Task<T> RunIdempotentAsync<T>(string operation, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        using var activity = OdooTelemetry.Source.StartActivity($"odoo.operation {operation}", ActivityKind.Internal);
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            return await _operationPipeline.ExecuteAsync(
                static async (ctx, state) => await state(ctx.CancellationToken),
                context,
                body);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    internal async Task<Versions.OdooVersionProfile> GetProfileAsync(CancellationToken cancellationToken) =>
        (await GetSessionAsync(cancellationToken)).Profile;

    private async Task<Session> GetSessionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is { } existing)
        {
            return existing;
        }

        Task<Session> connecting;
        lock (_connectGate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                // One connection attempt shared by all callers; a failed one is retried by the next call.
                _connecting = ConnectAsync();
            }

            connecting = _connecting;
        }

        return await connecting.WaitAsync(cancellationToken);
    }

    private async Task<Session> ConnectAsync()
    {
        var major = Options.Version ?? await DetectVersionAsync(CancellationToken.None);
        var profile = OdooVersionProfile.ForMajor(major);
        var transport = await profile.ConnectAsync(_connection, CancellationToken.None);
        _logger.LogInformation("Connected to Odoo {Major} database {Database}", major, Options.Database);
        var session = new Session(profile, transport);
        Volatile.Write(ref _session, session);
        return session;
    }

    private void ForgetSession(Session session)
    {
        lock (_connectGate)
        {
            if (ReferenceEquals(_session, session))
            {
                _session = null;
                _connecting = null;
            }
        }
    }

    private async Task<int> DetectVersionAsync(CancellationToken cancellationToken)
    {
        var version = await JsonRpcTransport.CallAsync(_connection, "common", "version", [], replaySafe: true, null, "version", cancellationToken);
        if (version.ValueKind == JsonValueKind.Object
            && version.TryGetProperty("server_version_info", out var info)
            && info.ValueKind == JsonValueKind.Array && info.GetArrayLength() > 0
            && info[0].ValueKind == JsonValueKind.Number)
        {
            return info[0].GetInt32();
        }

        throw new OdooException("common.version did not return server_version_info.");
    }

    private static List<OdooRecord> ToRecords(JsonElement result, string model, string method)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new OdooException($"Odoo's reply to {model}.{method} is not a list of records.", null, model, method);
        }

        var records = new List<OdooRecord>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
        {
            records.Add(new OdooRecord(item));
        }

        return records;
    }

    private static string Outcome(OdooException ex) => ex switch
    {
        OdooAuthenticationException => "auth_error",
        OdooBusinessException => "business_error",
        OdooTransientException { CircuitOpen: true } => "circuit_open",
        OdooTransientException => "transient_error",
        _ => "error",
    };

    private static ResiliencePipeline BuildOperationPipeline(OdooRetryOptions retry, TimeProvider timeProvider, ILogger logger)
    {
        if (retry.MaxRetryAttempts <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<OdooTransientException>(),
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    OdooTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("level", "operation"));
                    logger.LogWarning(
                        "Odoo operation {Operation} failed transiently ({Error}); attempt {Attempt} in {DelayMs} ms",
                        args.Context.OperationKey,
                        args.Outcome.Exception?.Message,
                        args.AttemptNumber + 2,
                        args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static Func<HttpClient> ReturnSame(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    private sealed record Session(OdooVersionProfile Profile, IOdooTransport Transport);
}
