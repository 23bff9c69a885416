namespace RetailSync.Workflows.Registration;

/// <summary>One registered workflow or activity: its name and implementing type.</summary>
public sealed record WorkflowRegistration(string Name, Type ImplementationType, WorkflowRegistrationKind Kind);
