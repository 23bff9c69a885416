using RetailSync.Odoo;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>Input of <see cref="CreateReturnActivity"/>: the return transfer to create for the authorized lines.</summary>
public sealed record CreateReturnInput(string ReturnKey, ReturnRequest Request);
