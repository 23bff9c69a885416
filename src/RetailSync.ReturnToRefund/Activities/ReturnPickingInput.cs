namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="CancelReturnActivity"/>: the return transfer (or what is left of it) to cancel.</summary>
public sealed record ReturnPickingInput(string ReturnKey, long PickingId);
