namespace RetailSync.Routing;

/// <summary>
/// The input the event dispatcher gives a workflow instance it starts. The instance id already names the
/// business object (<c>order:shopify:acme.myshopify.com/1001</c>); every event, including the one that
/// started the instance, arrives as a <see cref="RoutedEvent"/>.
/// </summary>
/// <param name="BusinessKey">Subject form of the business object the instance carries (<c>order/shopify/...</c>).</param>
/// <param name="StartedByEventId">Id of the event whose arrival started the instance.</param>
/// <param name="StartedByType">Type of that event (it may not be the "first" one, e.g. a payment before its order).</param>
public sealed record RoutedWorkflowInput(string BusinessKey, string StartedByEventId, string StartedByType);
