using RetailSync.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRetailSync();

var app = builder.Build();
app.MapRetailSync();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
