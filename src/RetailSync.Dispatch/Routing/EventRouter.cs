using RetailSync.Dispatch.Parsing;
using RetailSync.Events;
using RetailSync.Ledgers.CrossReferences;

namespace RetailSync.Dispatch.Routing;

/// <summary>
/// Maps event types to workflow instances. Order-family events go to <c>order:{channel}:{orderKey}</c>: the
/// subject when it is the order, else the <c>orderkey</c> extension, else the cross-reference ledger (by the
/// event's own subject, then by its payment reference). Return events go to <c>return:{channel}:{returnKey}</c>.
/// Read-only: the links it proposes are written by the dispatcher.
/// </summary>
internal sealed class EventRouter
{
    private const string OrderKind = "order";
    private const string ReturnKind = "return";
    private const string PaymentKind = "payment";

    private static readonly Dictionary<string, RouteTarget> Defaults = new(StringComparer.Ordinal)
    {
        [RetailEventTypes.OrderPlaced] = RouteTarget.Order,
        [RetailEventTypes.OrderUpdated] = RouteTarget.Order,
        [RetailEventTypes.OrderCancelled] = RouteTarget.Order,
        [RetailEventTypes.PaymentCaptured] = RouteTarget.Order,
        [RetailEventTypes.PaymentFailed] = RouteTarget.Order,
        [RetailEventTypes.PaymentDisputed] = RouteTarget.Order,
        [RetailEventTypes.ShipmentDispatched] = RouteTarget.Order,
        [RetailEventTypes.ShipmentDelivered] = RouteTarget.Order,
        [RetailEventTypes.ReturnAuthorized] = RouteTarget.Return,
        [RetailEventTypes.ReturnUpdated] = RouteTarget.Return,
        [RetailEventTypes.ReturnReceived] = RouteTarget.Return,
        [RetailEventTypes.ReturnClosed] = RouteTarget.Return,
        [RetailEventTypes.RefundIssued] = RouteTarget.ReturnOrOrder,
        [RetailEventTypes.RefundUpdated] = RouteTarget.ReturnOrOrder,
        [RetailEventTypes.PayoutPaid] = RouteTarget.Record,
        [RetailEventTypes.StockAdjusted] = RouteTarget.Record,
    };

    private readonly DispatchOptions _options;
    private readonly CrossReferenceLedgerClient _crossReferences;

    public EventRouter(DispatchOptions options, CrossReferenceLedgerClient crossReferences)
    {
        _options = options;
        _crossReferences = crossReferences;
    }

    /// <summary>The route of a type, or null when no workflow nor record takes it.</summary>
    public ResolvedRoute? GetRoute(string type)
    {
        if (_options.Routes.TryGetValue(type, out var configured))
        {
            return new ResolvedRoute(configured.Target, configured.Workflow, configured.EventName);
        }

        return Defaults.TryGetValue(type, out var target) ? new ResolvedRoute(target, null, null) : null;
    }

    /// <summary>The payment reference an event carries or is (<c>payment/stripe/pi_1</c> is <c>stripe/pi_1</c>).</summary>
    public static string? PaymentReferenceOf(RetailEvent e) =>
        e.PaymentReference ?? (e.SubjectKey.Kind == PaymentKind ? $"{e.SubjectKey.Channel}/{e.SubjectKey.Key}" : null);

    public async Task<RouteResolution> ResolveAsync(RetailEvent e, ResolvedRoute route, CancellationToken cancellationToken)
    {
        switch (route.Target)
        {
            case RouteTarget.Order:
                return await ResolveOrderAsync(e, route, cancellationToken);
            case RouteTarget.Return:
                return await ResolveReturnAsync(e, route, cancellationToken);
            case RouteTarget.ReturnOrOrder:
                return e.SubjectKey.Kind == ReturnKind || e.ReturnKey is not null
                    ? await ResolveReturnAsync(e, route, cancellationToken)
                    : await ResolveOrderAsync(e, route, cancellationToken);
            case RouteTarget.Subject:
                return new RouteResolution(RouteResolutionStatus.Resolved, e.SubjectKey, route.Workflow, null, [], null);
            default:
                throw new InvalidOperationException($"Route target {route.Target} has no instance.");
        }
    }

    private async Task<RouteResolution> ResolveOrderAsync(RetailEvent e, ResolvedRoute route, CancellationToken cancellationToken)
    {
        var workflow = route.Workflow ?? _options.OrderWorkflow;
        var paymentReference = PaymentReferenceOf(e);
        var ownReference = e.SubjectKey.Kind == OrderKind ? null : new ExternalReference(e.SubjectKey.Kind, e.Subject);
        var paymentRef = paymentReference is null ? null : new ExternalReference(ReferenceSystems.PaymentReference, paymentReference);

        BusinessKey? order = e.SubjectKey.Kind == OrderKind ? e.SubjectKey : e.OrderKey;
        if (order is null)
        {
            foreach (var reference in new[] { ownReference, paymentRef })
            {
                if (reference is null)
                {
                    continue;
                }

                var keys = (await _crossReferences.FindBusinessKeysAsync(reference, cancellationToken))
                    .Where(k => k.StartsWith(OrderKind + "/", StringComparison.Ordinal))
                    .ToList();
                if (keys.Count > 1)
                {
                    return new RouteResolution(RouteResolutionStatus.Ambiguous, null, workflow, reference, [],
                        $"Reference '{reference}' belongs to several orders: {string.Join(", ", keys)}.");
                }

                if (keys.Count == 1 && BusinessKey.TryParseSubject(keys[0], out var found))
                {
                    order = found;
                    break;
                }
            }
        }

        if (order is null)
        {
            return new RouteResolution(RouteResolutionStatus.Unresolved, null, workflow, paymentRef ?? ownReference!, [],
                $"No order known yet for '{e.Subject}'.");
        }

        var links = new List<(string, ExternalReference)>();
        var orderSubject = order.ToSubject();
        if (paymentRef is not null)
        {
            links.Add((orderSubject, paymentRef));
        }

        if (ownReference is not null)
        {
            links.Add((orderSubject, ownReference));
        }

        return new RouteResolution(RouteResolutionStatus.Resolved, order, workflow, null, links, null);
    }

    private async Task<RouteResolution> ResolveReturnAsync(RetailEvent e, ResolvedRoute route, CancellationToken cancellationToken)
    {
        var workflow = route.Workflow ?? _options.ReturnWorkflow;
        var returnKey = e.SubjectKey.Kind == ReturnKind ? e.SubjectKey : e.ReturnKey;
        var ownReference = new ExternalReference(e.SubjectKey.Kind, e.Subject);
        if (returnKey is null)
        {
            var keys = (await _crossReferences.FindBusinessKeysAsync(ownReference, cancellationToken))
                .Where(k => k.StartsWith(ReturnKind + "/", StringComparison.Ordinal))
                .ToList();
            if (keys.Count > 1)
            {
                return new RouteResolution(RouteResolutionStatus.Ambiguous, null, workflow, ownReference, [],
                    $"Reference '{ownReference}' belongs to several returns: {string.Join(", ", keys)}.");
            }

            if (keys.Count == 1 && BusinessKey.TryParseSubject(keys[0], out var found))
            {
                returnKey = found;
            }
        }

        if (returnKey is null)
        {
            return new RouteResolution(RouteResolutionStatus.Unresolved, null, workflow, ownReference, [], $"No return known yet for '{e.Subject}'.");
        }

        var links = new List<(string, ExternalReference)>();
        if (e.OrderKey is not null)
        {
            links.Add((e.OrderKey.ToSubject(), new ExternalReference(ReferenceSystems.Return, returnKey.ToSubject())));
        }

        if (e.SubjectKey.Kind != ReturnKind)
        {
            links.Add((returnKey.ToSubject(), ownReference));
        }

        return new RouteResolution(RouteResolutionStatus.Resolved, returnKey, workflow, null, links, null);
    }
}
