using RetailSync.Events;

namespace RetailSync.Core.Tests;

public class BusinessKeyTests
{
    [Fact]
    public void Subject_and_instance_id_round_trip_with_slashes_in_the_key()
    {
        var key = new BusinessKey("order", "shopify", "acme.myshopify.com/450789469");

        Assert.Equal("order/shopify/acme.myshopify.com/450789469", key.ToSubject());
        Assert.Equal("order:shopify:acme.myshopify.com/450789469", key.ToInstanceId());
        Assert.True(BusinessKey.TryParseSubject(key.ToSubject(), out var fromSubject));
        Assert.True(BusinessKey.TryParseInstanceId(key.ToInstanceId(), out var fromInstance));
        Assert.Equal(key, fromSubject);
        Assert.Equal(key, fromInstance);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("order")]
    [InlineData("order/shopify")]
    [InlineData("order/shopify/")]
    [InlineData("/shopify/1")]
    [InlineData("order//1")]
    public void Malformed_subjects_do_not_parse(string? subject)
    {
        Assert.False(BusinessKey.TryParseSubject(subject, out var key));
        Assert.Null(key);
    }

    [Fact]
    public void Kinds_and_channels_may_not_contain_separators()
    {
        Assert.Throws<ArgumentException>(() => new BusinessKey("or:der", "shopify", "1"));
        Assert.Throws<ArgumentException>(() => new BusinessKey("order", "shop/ify", "1"));
    }
}
