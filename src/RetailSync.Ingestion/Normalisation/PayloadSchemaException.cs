namespace RetailSync.Ingestion.Normalisation;

/// <summary>The payload does not match its topic's schema; <see cref="Field"/> names the offending field (<c>line_items[0].quantity</c>).</summary>
public sealed class PayloadSchemaException : Exception
{
    public PayloadSchemaException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    public PayloadSchemaException()
        : this("$", "does not match the schema")
    {
    }

    public PayloadSchemaException(string message)
        : this("$", message)
    {
    }

    public PayloadSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "$";
        Problem = message;
    }

    /// <summary>Path of the offending field.</summary>
    public string Field { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
