using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailSync.Dispatch.Parsing;
using RetailSync.Dispatch.Routing;
using RetailSync.Ledgers.Audit;
using RetailSync.Ledgers.CrossReferences;
using RetailSync.Ledgers.Events;
using RetailSync.Ledgers.Exceptions;
using RetailSync.Ledgers.Unrouted;
using RetailSync.Messaging;
using RetailSync.Routing;
using RetailSync.Workflows.Client;

namespace RetailSync.Dispatch;

/// <summary>
/// Routes canonical events from the queue to durable workflow instances, exactly once per event id.
/// </summary>
/// <remarks>
/// Per message: read the CloudEvent (malformed: dead-letter with an exception record); claim its id in the
/// event ledger (a duplicate completes, a copy in flight elsewhere retries after the lease); route it by type
/// (order, return, record-only); drop it as stale when a newer version of its object was applied; find its
/// instance (subject, <c>orderkey</c>/<c>returnkey</c>, cross-reference ledger) or park it until the reference
/// is linked; record the cross-references it carries; start the instance if absent; renew the claim; raise the
/// event; complete the claim; release events that were waiting for what it linked. The message is acknowledged
/// (<see cref="DispatchOutcomeKind.Completed"/>) only after the runtime durably accepted the event. Failed
/// attempts retry with backoff; after <see cref="DispatchOptions.MaxAttempts"/> the message is dead-lettered and
/// an exception record names the event, the instance and the reason. Every host (local pump, Functions
/// Service Bus trigger) calls <see cref="DispatchAsync"/> and settles per outcome.
/// </remarks>
public class EventDispatcher
{
    private readonly OrchestrationClient _orchestrations;
    private readonly EventLedgerClient _events;
    private readonly CrossReferenceLedgerClient _crossReferences;
    private readonly ExceptionLedgerClient _exceptions;
    private readonly UnroutedLedgerClient _unrouted;
    private readonly AuditTrailClient _audit;
    private readonly DispatchOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DispatchTelemetry _telemetry;
    private readonly EventRouter _router;
    private readonly HashSet<string> _staleableTypes;

    /// <summary>For mocking.</summary>
    protected EventDispatcher()
    {
        _orchestrations = null!;
        _events = null!;
        _crossReferences = null!;
        _exceptions = null!;
        _unrouted = null!;
        _audit = null!;
        _options = new DispatchOptions();
        _timeProvider = TimeProvider.System;
        _logger = null!;
        _telemetry = null!;
        _router = null!;
        _staleableTypes = [];
    }

    public EventDispatcher(
        OrchestrationClient orchestrations,
        EventLedgerClient events,
        CrossReferenceLedgerClient crossReferences,
        ExceptionLedgerClient exceptions,
        UnroutedLedgerClient unrouted,
        AuditTrailClient audit,
        IOptions<DispatchOptions> options,
        TimeProvider timeProvider,
        ILogger<EventDispatcher> logger,
        IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _orchestrations = orchestrations ?? throw new ArgumentNullException(nameof(orchestrations));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _crossReferences = crossReferences ?? throw new ArgumentNullException(nameof(crossReferences));
        _exceptions = exceptions ?? throw new ArgumentNullException(nameof(exceptions));
        _unrouted = unrouted ?? throw new ArgumentNullException(nameof(unrouted));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _telemetry = new DispatchTelemetry(meterFactory);
        _router = new EventRouter(_options, crossReferences);
        _staleableTypes = new HashSet<string>((IEnumerable<string>?)_options.StaleableTypes ?? DispatchOptions.DefaultStaleableTypes, StringComparer.Ordinal);
    }

    private enum Origin
    {
        Queue,
        Release,
    }

    /// <summary>
    /// Dispatches one received message and says how to settle it. Never throws for bad input or failures
    /// (they become outcomes); throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> is cancelled (the host is stopping: leave the message unsettled).
    /// </summary>
    public virtual async Task<DispatchOutcome> DispatchAsync(ReceivedEventMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = _timeProvider.GetTimestamp();
        if (!CloudEventReader.TryRead(message.Message, out var retailEvent, out var error))
        {
            using var malformedActivity = DispatchTelemetry.ActivitySource.StartActivity("dispatch malformed", ActivityKind.Consumer);
            malformedActivity?.SetTag("messaging.message.id", message.Message.MessageId);
            var outcome = await MalformedAsync(message, error, cancellationToken);
            malformedActivity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
            return outcome;
        }

        using var activity = StartActivity(retailEvent, message);
        var typeTag = DispatchTelemetry.TypeTag(retailEvent.Type);
        try
        {
            var outcome = await DispatchEventAsync(retailEvent, message, cancellationToken);
            activity?.SetTag("retailsync.dispatch.outcome", outcome.Kind.ToString());
            activity?.SetTag("retailsync.dispatch.reason", outcome.Reason);
            if (outcome.Kind == DispatchOutcomeKind.DeadLetter)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Reason);
            }

            return outcome;
        }
        finally
        {
            _telemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalMilliseconds, typeTag);
        }
    }

    /// <summary>
    /// Retries every parked event whose order or return has become known, and raises an exception record
    /// (once per event) for those parked longer than <see cref="DispatchOptions.UnroutedDeadline"/>. Parked
    /// events are never dropped: an overdue event is still released when its reference is linked.
    /// </summary>
    public virtual async Task<UnroutedSweepResult> SweepUnroutedAsync(CancellationToken cancellationToken = default)
    {
        var parkedEvents = new List<ParkedEvent>();
        await foreach (var parked in _unrouted.ListAllAsync(cancellationToken))
        {
            parkedEvents.Add(parked);
        }

        int released = 0, stillParked = 0, overdue = 0, failed = 0;
        foreach (var parked in parkedEvents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                switch (await TryReleaseAsync(parked, resolveFirst: true, cancellationToken))
                {
                    case true:
                        released++;
                        continue;
                    case false:
                        stillParked++;
                        break;
                }

                var now = _timeProvider.GetUtcNow();
                if (parked.ExceptionId is null && now - parked.ParkedAt > _options.UnroutedDeadline)
                {
                    var record = await _exceptions.RecordAsync(
                        new ExceptionDraft
                        {
                            Id = "unrouted-" + parked.EventId,
                            Kind = DispatchExceptionKinds.UnroutedTooLong,
                            Reason = $"Event {parked.EventId} ({parked.Type}) has waited since {parked.ParkedAt:O} for '{parked.Reference}' "
                                     + "to be linked to an order or return. It stays parked and is raised as soon as the link exists.",
                            BusinessKey = parked.Subject,
                            EventId = parked.EventId,
                            Payload = DataExcerpt(parked.Body),
                        },
                        cancellationToken);
                    await _unrouted.MarkExceptionAsync(parked, record.Id, cancellationToken);
                    await AuditAsync(parked.EventId, AuditActions.UnroutedTooLong, parked.Type, parked.Subject, null, record.Id);
                    overdue++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                _logger.LogWarning(ex, "Sweeping parked event {EventId} waiting for {Reference} failed; retried next sweep", parked.EventId, parked.Reference.ToString());
            }
        }

        return new UnroutedSweepResult(released, stillParked, overdue, failed);
    }

    private async Task<DispatchOutcome> DispatchEventAsync(RetailEvent e, ReceivedEventMessage message, CancellationToken cancellationToken)
    {
        var typeTag = DispatchTelemetry.TypeTag(e.Type);
        if (message.DeliveryCount > _options.MaxAttempts)
        {
            return await ExceededAsync(e, message, cancellationToken);
        }

        var isFinalAttempt = message.DeliveryCount >= _options.MaxAttempts;
        try
        {
            var result = await ProcessAsync(e, isFinalAttempt, Origin.Queue, cancellationToken);
            return result.Disposition switch
            {
                Disposition.InProgress => DispatchOutcome.RetryLater(result.Delay, "in-progress"),
                Disposition.ClaimLost => DispatchOutcome.RetryLater(result.Delay, "claim-lost"),
                Disposition.NoRoute => await DeadLetteredAsync(e, DispatchExceptionKinds.NoRoute, result.Detail ?? "No route."),
                Disposition.Ambiguous => await DeadLetteredAsync(e, DispatchExceptionKinds.AmbiguousReference, result.Detail ?? "Ambiguous reference."),
                _ => DispatchOutcome.Completed(result.Disposition.ToString().ToLowerInvariant()),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            if (!isFinalAttempt)
            {
                var delay = Backoff(message.DeliveryCount);
                _telemetry.Retries.Add(1, typeTag);
                _logger.LogWarning(ex, "Dispatching event {EventId} ({EventType}) failed on delivery {DeliveryCount} of {MaxAttempts}; retrying in {Delay}",
                    e.Id, e.Type, message.DeliveryCount, _options.MaxAttempts, delay);
                await AuditAsync(e.Id, AuditActions.Retried, e.Type, e.Subject, null, Shorten(reason));
                return DispatchOutcome.RetryLater(delay, "dispatch-failed");
            }

            _logger.LogError(ex, "Dispatching event {EventId} ({EventType}) failed on the last allowed delivery {DeliveryCount}; dead-lettering",
                e.Id, e.Type, message.DeliveryCount);
            var instance = await TryGetInstanceIdAsync(e);
            await TryRecordExceptionAsync(new ExceptionDraft
            {
                Id = "dead-letter-" + e.Id,
                Kind = DispatchExceptionKinds.DeadLettered,
                Reason = $"Event {e.Id} ({e.Type}) for {instance ?? e.Subject} failed {message.DeliveryCount} times and was dead-lettered. Last error: {reason}",
                InstanceId = instance,
                BusinessKey = e.Subject,
                EventId = e.Id,
                Payload = DataExcerpt(e),
            });
            return await DeadLetteredAsync(e, DispatchExceptionKinds.DeadLettered, Shorten(reason));
        }
    }

    private async Task<DispatchOutcome> DeadLetteredAsync(RetailEvent e, string reason, string description)
    {
        _telemetry.DeadLettered.Add(1, DispatchTelemetry.TypeTag(e.Type));
        await AuditAsync(e.Id, AuditActions.DeadLettered, e.Type, e.Subject, null, reason + ": " + description);
        return DispatchOutcome.DeadLetter(reason, description);
    }

    private async Task<DispatchOutcome> ExceededAsync(RetailEvent e, ReceivedEventMessage message, CancellationToken cancellationToken)
    {
        // The previous attempts never settled the message (e.g. the host died each time): do not try again.
        var existing = await _events.GetAsync(e.Id, cancellationToken);
        if (existing is { IsFinal: true })
        {
            _telemetry.Duplicates.Add(1, DispatchTelemetry.TypeTag(e.Type));
            return DispatchOutcome.Completed("duplicate");
        }

        var description = $"Delivered {message.DeliveryCount} times, more than the {_options.MaxAttempts} allowed, without being settled.";
        await TryRecordExceptionAsync(new ExceptionDraft
        {
            Id = "dead-letter-" + e.Id,
            Kind = DispatchExceptionKinds.DeadLettered,
            Reason = $"Event {e.Id} ({e.Type}) for {existing?.InstanceId ?? e.Subject}: {description}",
            InstanceId = existing?.InstanceId,
            BusinessKey = e.Subject,
            EventId = e.Id,
            Payload = DataExcerpt(e),
        });
        return await DeadLetteredAsync(e, DispatchExceptionKinds.DeadLettered, description);
    }

    private async Task<DispatchOutcome> MalformedAsync(ReceivedEventMessage message, string error, CancellationToken cancellationToken)
    {
        _logger.LogError("Message {MessageId} is not a valid RetailSync event and is dead-lettered: {Error}", message.Message.MessageId, error);
        try
        {
            await _exceptions.RecordAsync(
                new ExceptionDraft
                {
                    Id = "malformed-" + message.Message.MessageId,
                    Kind = DispatchExceptionKinds.MalformedEvent,
                    Reason = $"Message {message.Message.MessageId} is not a valid RetailSync CloudEvent: {error}",
                    EventId = message.Message.MessageId,
                    BusinessKey = message.Message.SessionId,
                    Payload = Encoding.UTF8.GetString(message.Message.Body.Span),
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DeliveryCount < _options.MaxAttempts)
            {
                // Keep the message until the operator can be told about it.
                _logger.LogWarning(ex, "Could not record the exception for malformed message {MessageId}; retrying", message.Message.MessageId);
                return DispatchOutcome.RetryLater(Backoff(message.DeliveryCount), "exception-ledger-unavailable");
            }

            _logger.LogError(ex, "Could not record the exception for malformed message {MessageId}; dead-lettering without it", message.Message.MessageId);
        }

        _telemetry.DeadLettered.Add(1, DispatchTelemetry.TypeTag("malformed"));
        await AuditAsync(message.Message.MessageId, AuditActions.Malformed, null, message.Message.SessionId, null, Shorten(error));
        return DispatchOutcome.DeadLetter(DispatchExceptionKinds.MalformedEvent, error);
    }

    private async Task<ProcessResult> ProcessAsync(RetailEvent e, bool isFinalAttempt, Origin origin, CancellationToken cancellationToken)
    {
        var typeTag = DispatchTelemetry.TypeTag(e.Type);
        var claimResult = await _events.TryClaimAsync(e.Id, e.Type, e.Subject, _options.ClaimLease, cancellationToken);
        switch (claimResult.Status)
        {
            case EventClaimStatus.AlreadyProcessed:
                _telemetry.Duplicates.Add(1, typeTag);
                _logger.LogInformation("Event {EventId} ({EventType}) was already {State}; dropping the copy", e.Id, e.Type, claimResult.Existing?.State);
                if (origin == Origin.Queue)
                {
                    await AuditAsync(e.Id, AuditActions.Duplicate, e.Type, e.Subject, claimResult.Existing?.InstanceId, claimResult.Existing?.State.ToString());
                }

                return new ProcessResult(Disposition.Duplicate, claimResult.Existing?.InstanceId);
            case EventClaimStatus.InProgress:
                var remaining = (claimResult.Existing?.LeaseUntil ?? _timeProvider.GetUtcNow()) - _timeProvider.GetUtcNow();
                return new ProcessResult(Disposition.InProgress, Delay: remaining < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : remaining);
        }

        var claim = new ClaimHolder(claimResult.Claim!);
        try
        {
            return await ProcessClaimedAsync(e, claim, origin, cancellationToken);
        }
        catch (Exception ex)
        {
            try
            {
                if (isFinalAttempt)
                {
                    await _events.CompleteAsync(claim.Current, EventLedgerState.DeadLettered, null, Shorten($"{ex.GetType().Name}: {ex.Message}"), CancellationToken.None);
                }
                else
                {
                    await _events.ReleaseAsync(claim.Current, Shorten($"{ex.GetType().Name}: {ex.Message}"), CancellationToken.None);
                }
            }
            catch (Exception releaseError)
            {
                _logger.LogWarning(releaseError, "Could not give up the claim on event {EventId}; it is retaken when its lease expires", e.Id);
            }

            throw;
        }
    }

    private async Task<ProcessResult> ProcessClaimedAsync(RetailEvent e, ClaimHolder holder, Origin origin, CancellationToken cancellationToken)
    {
        var claim = holder.Current;
        var typeTag = DispatchTelemetry.TypeTag(e.Type);
        var route = _router.GetRoute(e.Type);
        if (route is null)
        {
            var detail = $"No route for event type '{e.Type}'. Add Dispatch:Routes:{e.Type} and replay the message from the dead-letter queue.";
            await _exceptions.RecordAsync(
                new ExceptionDraft
                {
                    Id = "no-route-" + e.Id,
                    Kind = DispatchExceptionKinds.NoRoute,
                    Reason = detail,
                    BusinessKey = e.Subject,
                    EventId = e.Id,
                    Payload = DataExcerpt(e),
                },
                cancellationToken);
            await _events.CompleteAsync(claim, EventLedgerState.DeadLettered, null, detail, cancellationToken);
            return new ProcessResult(Disposition.NoRoute, Detail: detail);
        }

        if (route.Target == RouteTarget.Record)
        {
            await _events.CompleteAsync(claim, EventLedgerState.Recorded, null, "record-only route", cancellationToken);
            await AuditAsync(e.Id, AuditActions.Recorded, e.Type, e.Subject, null, null);
            _telemetry.Recorded.Add(1, typeTag);
            return new ProcessResult(Disposition.Recorded);
        }

        var isStale = false;
        if (e.SourceVersionInstant is { } version)
        {
            var check = await _events.CheckVersionAsync(e.Subject, version, cancellationToken);
            if (check.IsStale && _staleableTypes.Contains(e.Type))
            {
                _telemetry.Stale.Add(1, typeTag);
                var detail = $"version {e.SourceVersion} is older than {check.Latest:O}";
                _logger.LogInformation("Event {EventId} ({EventType}) for {Subject} is stale: {Detail}", e.Id, e.Type, e.Subject, detail);
                if (!_options.RaiseStaleEvents)
                {
                    await _events.CompleteAsync(claim, EventLedgerState.Stale, null, detail, cancellationToken);
                    await AuditAsync(e.Id, AuditActions.Stale, e.Type, e.Subject, null, detail);
                    return new ProcessResult(Disposition.Stale, Detail: detail);
                }

                isStale = true;
            }
        }

        var resolution = await _router.ResolveAsync(e, route, cancellationToken);
        if (resolution.Status == RouteResolutionStatus.Ambiguous)
        {
            await _exceptions.RecordAsync(
                new ExceptionDraft
                {
                    Id = "ambiguous-" + e.Id,
                    Kind = DispatchExceptionKinds.AmbiguousReference,
                    Reason = resolution.Detail ?? "Ambiguous reference.",
                    BusinessKey = e.Subject,
                    EventId = e.Id,
                    Payload = DataExcerpt(e),
                },
                cancellationToken);
            await _events.CompleteAsync(claim, EventLedgerState.DeadLettered, null, resolution.Detail, cancellationToken);
            return new ProcessResult(Disposition.Ambiguous, Detail: resolution.Detail);
        }

        if (resolution.Status == RouteResolutionStatus.Unresolved)
        {
            var waitFor = resolution.WaitFor!;
            await _unrouted.ParkAsync(
                new ParkedEvent(e.Id, waitFor, e.Type, e.Subject, e.ContentType, e.Body, _timeProvider.GetUtcNow()),
                cancellationToken);
            await _events.CompleteAsync(claim, EventLedgerState.Parked, null, waitFor.ToString(), cancellationToken);
            _logger.LogInformation("Event {EventId} ({EventType}) waits for {Reference} to be linked to its order or return", e.Id, e.Type, waitFor.ToString());
            if (origin == Origin.Queue)
            {
                _telemetry.Unrouted.Add(1, typeTag);
                await AuditAsync(e.Id, AuditActions.Parked, e.Type, e.Subject, null, waitFor.ToString());

                // The link may have been written while we parked (its writer then found nothing to release).
                var again = await _router.ResolveAsync(e, route, cancellationToken);
                if (again.Status == RouteResolutionStatus.Resolved)
                {
                    await ReleaseParkedAsync(waitFor, cancellationToken);
                }
            }

            return new ProcessResult(Disposition.Parked, Detail: waitFor.ToString());
        }

        var instanceKey = resolution.Instance!;
        var instanceId = instanceKey.ToInstanceId();
        Activity.Current?.SetTag("retailsync.instance_id", instanceId);
        foreach (var (businessKey, reference) in resolution.Links)
        {
            await _crossReferences.LinkAsync(businessKey, reference, cancellationToken);
        }

        var workflow = resolution.Workflow ?? throw new InvalidOperationException($"No workflow configured for '{e.Type}'.");
        var schedule = await _orchestrations.ScheduleNewOrchestrationInstanceAsync(
            workflow,
            new RoutedWorkflowInput(instanceKey.ToSubject(), e.Id, e.Type),
            new StartOrchestrationOptions(instanceId),
            cancellationToken);
        if (!schedule.Created && _options.CheckFinishedInstances)
        {
            var instance = await _orchestrations.GetInstanceAsync(instanceId, false, cancellationToken);
            if (instance is { IsCompleted: true })
            {
                var detail = $"Instance {instanceId} had already finished ({instance.RuntimeStatus}) when event {e.Id} ({e.Type}) arrived; it was not raised.";
                await _exceptions.RecordAsync(
                    new ExceptionDraft
                    {
                        Id = "late-" + e.Id,
                        Kind = DispatchExceptionKinds.LateEvent,
                        Reason = detail,
                        InstanceId = instanceId,
                        BusinessKey = instanceKey.ToSubject(),
                        EventId = e.Id,
                        Payload = DataExcerpt(e),
                    },
                    cancellationToken);
                await _events.CompleteAsync(claim, EventLedgerState.Late, instanceId, detail, cancellationToken);
                await AuditAsync(e.Id, AuditActions.Late, e.Type, e.Subject, instanceId, instance.RuntimeStatus.ToString());
                _telemetry.Late.Add(1, typeTag);
                return new ProcessResult(Disposition.Late, instanceId);
            }
        }

        // Last check that the claim is still ours before the step that cannot be undone.
        var renewed = await _events.RenewAsync(claim, _options.ClaimLease, instanceId, cancellationToken);
        if (renewed is null)
        {
            _logger.LogWarning("Lost the claim on event {EventId} before raising it; another dispatcher owns it now", e.Id);
            return new ProcessResult(Disposition.ClaimLost, instanceId, TimeSpan.FromSeconds(5));
        }

        holder.Current = renewed;
        var eventName = route.EventName ?? e.Type;
        await _orchestrations.RaiseEventAsync(instanceId, eventName, ToRoutedEvent(e, instanceKey, isStale), cancellationToken);
        if (!await _events.CompleteAsync(renewed, EventLedgerState.Dispatched, instanceId, null, cancellationToken))
        {
            _logger.LogWarning("Event {EventId} was raised to {InstanceId} but its claim was retaken meanwhile; the workflow may see it twice", e.Id, instanceId);
        }

        if (origin == Origin.Queue)
        {
            _telemetry.Dispatched.Add(1, typeTag);
        }
        else
        {
            _telemetry.Released.Add(1, typeTag);
        }

        await AuditAsync(e.Id, origin == Origin.Queue ? AuditActions.Routed : AuditActions.Released, e.Type, e.Subject, instanceId,
            schedule.Created ? $"{eventName}; started {workflow}" : eventName);
        _logger.LogInformation("Event {EventId} ({EventType}) raised to {InstanceId} as {EventName}", e.Id, e.Type, instanceId, eventName);

        if (origin == Origin.Queue)
        {
            foreach (var (_, reference) in resolution.Links)
            {
                await ReleaseParkedAsync(reference, cancellationToken);
            }
        }

        return new ProcessResult(Disposition.Dispatched, instanceId);
    }

    /// <summary>Raises every event parked under <paramref name="reference"/> whose instance is now known. Never throws for one event's failure.</summary>
    private async Task ReleaseParkedAsync(ExternalReference reference, CancellationToken cancellationToken)
    {
        IReadOnlyList<ParkedEvent> parkedEvents;
        try
        {
            parkedEvents = await _unrouted.ListAsync(reference, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Could not list events parked under {Reference}; the sweeper releases them later", reference.ToString());
            return;
        }

        foreach (var parked in parkedEvents)
        {
            try
            {
                await TryReleaseAsync(parked, resolveFirst: false, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Releasing parked event {EventId} failed; the sweeper retries it", parked.EventId);
            }
        }
    }

    /// <summary>Processes one parked event again; true when it no longer needs to be parked (and was removed).</summary>
    private async Task<bool> TryReleaseAsync(ParkedEvent parked, bool resolveFirst, CancellationToken cancellationToken)
    {
        var message = new EventMessage(parked.EventId, parked.Subject, parked.ContentType, parked.Body);
        if (!CloudEventReader.TryRead(message, out var e, out var error))
        {
            throw new InvalidOperationException($"Parked event {parked.EventId} can no longer be read: {error}");
        }

        if (resolveFirst && _router.GetRoute(e.Type) is { Target: not RouteTarget.Record } route)
        {
            // Cheap read-only check first, so sweeping many waiting events writes nothing.
            var resolution = await _router.ResolveAsync(e, route, cancellationToken);
            if (resolution.Status == RouteResolutionStatus.Unresolved)
            {
                return false;
            }
        }

        using var activity = StartActivity(e, null);
        var result = await ProcessAsync(e, isFinalAttempt: false, Origin.Release, cancellationToken);
        if (!result.SettlesParkedEvent)
        {
            return false;
        }

        await _unrouted.RemoveAsync(parked.Reference, parked.EventId, cancellationToken);
        if (parked.ExceptionId is not null && result.Disposition == Disposition.Dispatched)
        {
            // The operator was told it waited too long; it no longer needs them.
            await _exceptions.ResolveAsync(parked.ExceptionId, $"Released to {result.InstanceId} once its reference was linked.", "dispatcher", cancellationToken);
        }

        return true;
    }

    private static RoutedEvent ToRoutedEvent(RetailEvent e, Events.BusinessKey instance, bool isStale) => new(
        e.Id,
        e.Type,
        e.Subject,
        e.Channel,
        e.Time,
        e.SourceVersion,
        e.CorrelationId,
        instance.Kind == "order" ? instance.ToSubject() : e.OrderKey?.ToSubject(),
        instance.Kind == "return" ? instance.ToSubject() : e.ReturnKey?.ToSubject(),
        EventRouter.PaymentReferenceOf(e),
        isStale,
        e.Data);

    private static Activity? StartActivity(RetailEvent e, ReceivedEventMessage? message)
    {
        ActivityContext parent = default;
        if (e.TraceParent is not null)
        {
            _ = ActivityContext.TryParse(e.TraceParent, e.TraceState, isRemote: true, out parent);
        }

        var activity = DispatchTelemetry.ActivitySource.StartActivity("dispatch " + e.Type, ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.SetTag("cloudevents.event_id", e.Id);
            activity.SetTag("cloudevents.event_type", e.Type);
            activity.SetTag("cloudevents.event_subject", e.Subject);
            activity.SetTag("retailsync.channel", e.Channel);
            if (message is not null)
            {
                activity.SetTag("messaging.message.id", message.Message.MessageId);
                activity.SetTag("messaging.delivery_count", message.DeliveryCount);
            }
        }

        return activity;
    }

    private TimeSpan Backoff(int deliveryCount)
    {
        var exponent = Math.Clamp(deliveryCount - 1, 0, 20);
        var delay = TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks * (1L << exponent));
        return delay > _options.RetryMaxDelay || delay < TimeSpan.Zero ? _options.RetryMaxDelay : delay;
    }

    private async Task<string?> TryGetInstanceIdAsync(RetailEvent e)
    {
        try
        {
            return (await _events.GetAsync(e.Id, CancellationToken.None))?.InstanceId;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not read the ledger row of event {EventId}", e.Id);
            return null;
        }
    }

    private async Task TryRecordExceptionAsync(ExceptionDraft draft)
    {
        try
        {
            await _exceptions.RecordAsync(draft, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message still goes to the dead-letter queue, so nothing is lost; say so loudly.
            _logger.LogError(ex, "Could not record exception {ExceptionKind} for event {EventId}; the message is in the dead-letter queue", draft.Kind, draft.EventId);
        }
    }

    private async Task AuditAsync(string eventId, string action, string? type, string? subject, string? instanceId, string? detail)
    {
        try
        {
            await _audit.AppendAsync(new AuditEntry(eventId, action, _timeProvider.GetUtcNow(), type, subject, instanceId, detail), CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not append {AuditAction} for event {EventId} to the audit trail", action, eventId);
        }
    }

    private static string DataExcerpt(RetailEvent e) => e.Data.GetRawText();

    private static string? DataExcerpt(ReadOnlyMemory<byte> body) =>
        CloudEventReader.TryRead(new EventMessage("excerpt", null, EventMessage.CloudEventsJson, body), out var e, out _)
            ? DataExcerpt(e)
            : null;

    /// <summary>The claim as it stands (renewing it changes its ETag), for the failure path.</summary>
    private sealed class ClaimHolder(EventClaim claim)
    {
        public EventClaim Current { get; set; } = claim;
    }

    private static string Shorten(string text) => text.Length <= 1000 ? text : text[..1000] + "...";
}
