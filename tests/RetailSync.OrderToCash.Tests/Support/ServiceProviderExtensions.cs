using Microsoft.Extensions.DependencyInjection;

namespace RetailSync.OrderToCash.Tests.Support;

internal static class ServiceProviderExtensions
{
    public static T GetRequiredServiceAsync<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
