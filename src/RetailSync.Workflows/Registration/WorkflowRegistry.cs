using RetailSync.Workflows.Orchestration;

namespace RetailSync.Workflows.Registration;

/// <summary>
/// Every workflow and activity, by name. Runtimes resolve implementations from it; the Azure Functions shell
/// has one function per entry, and a test checks the two never drift apart.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowRegistration> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowRegistration> _activities = new(StringComparer.Ordinal);

    public IReadOnlyCollection<WorkflowRegistration> Orchestrators => _orchestrators.Values;

    public IReadOnlyCollection<WorkflowRegistration> Activities => _activities.Values;

    /// <summary>Registers a workflow under <paramref name="name"/> (default: the type's name).</summary>
    public WorkflowRegistry AddOrchestrator<T>(string? name = null) where T : class, IOrchestrator
        => Add(_orchestrators, new WorkflowRegistration(name ?? typeof(T).Name, typeof(T), WorkflowRegistrationKind.Orchestrator));

    /// <summary>Registers an activity under <paramref name="name"/> (default: the type's name).</summary>
    public WorkflowRegistry AddActivity<T>(string? name = null) where T : class, IActivity
        => Add(_activities, new WorkflowRegistration(name ?? typeof(T).Name, typeof(T), WorkflowRegistrationKind.Activity));

    public bool TryGetOrchestrator(string name, out WorkflowRegistration registration) => _orchestrators.TryGetValue(name, out registration!);

    public bool TryGetActivity(string name, out WorkflowRegistration registration) => _activities.TryGetValue(name, out registration!);

    private WorkflowRegistry Add(Dictionary<string, WorkflowRegistration> map, WorkflowRegistration registration)
    {
        if (map.TryGetValue(registration.Name, out var existing) && existing.ImplementationType != registration.ImplementationType)
        {
            throw new InvalidOperationException(
                $"'{registration.Name}' is already registered to {existing.ImplementationType.FullName}.");
        }

        map[registration.Name] = registration;
        return this;
    }
}
