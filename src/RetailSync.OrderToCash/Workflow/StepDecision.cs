namespace RetailSync.OrderToCash.Workflow;

/// <summary>How a workflow step ended.</summary>
internal enum StepDecision
{
    /// <summary>Odoo did it.</summary>
    Done,

    /// <summary>A problem the step expects (e.g. nothing to invoice yet): not parked, handled by the caller.</summary>
    Tolerated,

    /// <summary>Parked, and the operator chose to skip it.</summary>
    Skipped,

    /// <summary>Parked, and the operator cancelled the order (the outcome is set).</summary>
    Cancelled,
}
