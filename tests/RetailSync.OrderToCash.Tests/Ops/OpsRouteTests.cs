using RetailSync.Ops;

namespace RetailSync.OrderToCash.Tests.Ops;

/// <summary>Instance ids contain '/', which clients escape in the route; both hosts leave %2F encoded in route values.</summary>
public sealed class OpsRouteTests
{
    [Theory]
    [InlineData("order:shopify:acme.myshopify.com%2F1001", "order:shopify:acme.myshopify.com/1001")]
    [InlineData("order:shopify:acme.myshopify.com%2f1001", "order:shopify:acme.myshopify.com/1001")]
    [InlineData("order:pos:AMS-01/D-00001", "order:pos:AMS-01/D-00001")]
    [InlineData("return:loop:RMA-7", "return:loop:RMA-7")]
    public void An_escaped_instance_id_in_the_route_is_the_instance_id(string route, string instanceId) =>
        Assert.Equal(instanceId, OpsResults.FromRoute(route));
}
