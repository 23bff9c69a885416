using RetailSync.Events;
using RetailSync.Functions.Workflows;

namespace RetailSync.Infra.Tests;

public sealed class DurableInstanceIdTests
{
    [Theory]
    [InlineData("order:shopify:acme.myshopify.com/450789469", "order:shopify:acme.myshopify.com%2F450789469")]
    [InlineData("return:loop:r-1?x#y\\z", "return:loop:r-1%3Fx%23y%5Cz")]
    [InlineData("order:pos:100%", "order:pos:100%25")]
    [InlineData("order:stripe:pi_123", "order:stripe:pi_123")]
    public void Characters_table_keys_refuse_are_percent_encoded_and_decoded_back(string instanceId, string encoded)
    {
        Assert.Equal(encoded, DurableInstanceId.Encode(instanceId));
        Assert.Equal(instanceId, DurableInstanceId.Decode(encoded));
    }

    [Fact]
    public void Encoded_ids_contain_none_of_the_characters_azure_tables_refuse()
    {
        var id = new BusinessKey("order", "shopify", "acme.myshopify.com/4507\u0001/?#\\").ToInstanceId();

        var encoded = DurableInstanceId.Encode(id);

        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(id, DurableInstanceId.Decode(encoded));
    }

    [Fact]
    public void An_encoded_prefix_is_a_prefix_of_the_encoded_ids()
    {
        var id = "order:shopify:acme.myshopify.com/450789469";

        Assert.StartsWith(DurableInstanceId.Encode("order:shopify:acme.myshopify.com/"), DurableInstanceId.Encode(id), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order:pos:100%")]
    [InlineData("order:pos:%2")]
    [InlineData("order:pos:%zz")]
    public void A_malformed_escape_is_a_clear_error(string durableId)
    {
        var error = Assert.Throws<FormatException>(() => DurableInstanceId.Decode(durableId));

        Assert.Contains(durableId, error.Message, StringComparison.Ordinal);
    }
}
