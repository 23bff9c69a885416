namespace RetailSync.Workflows.Registration;

/// <summary>Whether a registration is a workflow (orchestrator) or an activity.</summary>
public enum WorkflowRegistrationKind
{
    Orchestrator,
    Activity,
}
