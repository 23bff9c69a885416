using RetailSync.Local;

LocalHost.Create(args).Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
