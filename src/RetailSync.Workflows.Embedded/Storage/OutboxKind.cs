namespace RetailSync.Workflows.Embedded.Storage;

/// <summary>What an outbox message does once its episode is committed.</summary>
public enum OutboxKind
{
    /// <summary>Enqueue an activity work item.</summary>
    ActivityWorkItem,

    /// <summary>Deliver <see cref="OutboxMessage.Message"/> to an instance's inbox at <see cref="OutboxMessage.DeliverAt"/> (a durable timer).</summary>
    DelayedMessage,

    /// <summary>Deliver <see cref="OutboxMessage.Message"/> to another instance's inbox now.</summary>
    InstanceMessage,

    /// <summary>Create <see cref="OutboxMessage.NewInstance"/> (a sub-orchestration).</summary>
    CreateInstance,
}
