namespace RetailSync.Workflows.Orchestration;

/// <summary>What an activity knows about its call (mirrors Durable's <c>TaskActivityContext</c>).</summary>
/// <param name="Name">The activity's registered name.</param>
/// <param name="InstanceId">The instance that scheduled it.</param>
/// <param name="Attempt">1 for the first attempt; more when the runtime retried or re-ran it after a crash.</param>
public sealed record ActivityContext(string Name, string InstanceId, int Attempt = 1);
