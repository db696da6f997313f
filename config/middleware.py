from django.conf import settings

# The API's interactive docs load Swagger UI (django-ninja serves it); everything else gets the strict policy.
RELAXED_PREFIXES = ("/api/v1/docs",)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "HUIWU_CSP", "")
        if (
            policy
            and "Content-Security-Policy" not in response
            and not request.path.startswith(RELAXED_PREFIXES)
        ):
            response["Content-Security-Policy"] = policy
        return response
