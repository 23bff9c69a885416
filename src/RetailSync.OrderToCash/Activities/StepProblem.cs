namespace RetailSync.OrderToCash.Activities;

/// <summary>Why an Odoo step cannot succeed without an operator: a kind, the reason and Odoo's answer.</summary>
/// <param name="Kind">Exception kind (<see cref="Parking.ExceptionKinds"/>).</param>
/// <param name="Reason">What went wrong, in words.</param>
/// <param name="OdooResponse">Odoo's error name and message, when Odoo refused.</param>
public sealed record StepProblem(string Kind, string Reason, string? OdooResponse = null);
