package io.sessions4j.demo;

import io.sessions4j.api.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** {@code /cart}: a shopping cart kept in the session. POST {@code action=add|remove|clear}. */
final class CartServlet extends PageServlet {
    private static final long serialVersionUID = 1L;

    CartServlet(String engine) {
        super(engine);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SessionStore session = session(request);
        Map<String, Integer> lines = Cart.lines(session);
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card\">");
        if (lines.isEmpty()) {
            body.append("<p id=\"cart-empty\">Your cart is empty.</p>");
        } else {
            body.append("<table id=\"cart\"><thead><tr><th>product</th><th class=\"num\">quantity</th>")
                    .append("<th class=\"num\">price</th><th></th></tr></thead><tbody>");
            long total = 0;
            for (Map.Entry<String, Integer> line : lines.entrySet()) {
                Catalog.Product product = Catalog.find(line.getKey()).orElseThrow();
                long cents = (long) product.priceCents() * line.getValue();
                total += cents;
                body.append("<tr data-sku=\"").append(Html.text(product.sku())).append("\"><td>")
                        .append(Html.text(product.name())).append("</td><td class=\"num qty\">").append(line.getValue())
                        .append("</td><td class=\"num\">").append(Catalog.price(cents)).append("</td><td>")
                        .append("<form method=\"post\" action=\"/cart\" class=\"inline\">").append(CsrfToken.field(session))
                        .append("<input type=\"hidden\" name=\"action\" value=\"remove\">")
                        .append("<input type=\"hidden\" name=\"sku\" value=\"").append(Html.text(product.sku())).append("\">")
                        .append("<button type=\"submit\" class=\"link\">Remove</button></form></td></tr>");
            }
            body.append("</tbody><tfoot><tr><th>Total</th><th></th><th class=\"num\" id=\"cart-total\">")
                    .append(Catalog.price(total)).append("</th><th></th></tr></tfoot></table>")
                    .append("<form method=\"post\" action=\"/cart\" class=\"inline\">").append(CsrfToken.field(session))
                    .append("<input type=\"hidden\" name=\"action\" value=\"clear\">")
                    .append("<button type=\"submit\" class=\"secondary\" id=\"clear-cart\">Empty the cart</button></form>");
        }
        body.append("</section><section class=\"card\"><h2>Add to cart</h2>")
                .append("<form method=\"post\" action=\"/cart\" class=\"row\" id=\"add-form\">").append(CsrfToken.field(session))
                .append("<input type=\"hidden\" name=\"action\" value=\"add\">")
                .append("<select name=\"sku\" id=\"sku\" aria-label=\"product\">");
        for (Catalog.Product product : Catalog.all()) {
            body.append("<option value=\"").append(Html.text(product.sku())).append("\">").append(Html.text(product.name()))
                    .append(" — ").append(Catalog.price(product.priceCents())).append("</option>");
        }
        body.append("</select><input type=\"number\" name=\"quantity\" id=\"quantity\" value=\"1\" min=\"1\" max=\"")
                .append(Cart.MAX_QUANTITY).append("\" aria-label=\"quantity\">")
                .append("<button type=\"submit\" id=\"add-to-cart\">Add</button></form>")
                .append("<p class=\"hint\">The cart is the session key <code>cart</code>, a JSON object "
                        + "<code>{\"sku\": quantity}</code>. Visiting this page gives you a session: its forms carry a "
                        + "per-session CSRF token.</p></section>");
        render(request, response, HttpServletResponse.SC_OK, "Shopping cart", body.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!checkCsrf(request, response)) {
            return;
        }
        SessionStore session = session(request);
        String action = String.valueOf(request.getParameter("action"));
        String sku = request.getParameter("sku");
        switch (action) {
            case "add" -> {
                Integer quantity = quantity(request.getParameter("quantity"));
                if (Catalog.find(sku).isEmpty() || quantity == null) {
                    render(request, response, HttpServletResponse.SC_BAD_REQUEST, "Cannot add that",
                            "<p class=\"error\">Pick a product and a quantity from 1 to " + Cart.MAX_QUANTITY
                                    + ".</p><p><a href=\"/cart\">Back to the cart</a></p>");
                    return;
                }
                Cart.add(session, sku, quantity);
            }
            case "remove" -> Cart.remove(session, String.valueOf(sku));
            case "clear" -> Cart.clear(session);
            default -> {
                render(request, response, HttpServletResponse.SC_BAD_REQUEST, "Unknown action",
                        "<p class=\"error\">Unknown cart action.</p><p><a href=\"/cart\">Back to the cart</a></p>");
                return;
            }
        }
        seeOther(response, "/cart");
    }

    private static Integer quantity(String raw) {
        try {
            int n = Integer.parseInt(raw == null ? "" : raw.trim());
            return n >= 1 && n <= Cart.MAX_QUANTITY ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
