-- The benchmark's saturation phase, run by wrk (Debian package wrk): each connection
-- sends its next request as soon as the last is answered (a closed loop), over one
-- workload's requests on the rows that dev.crm.load.Dataset prepared. Gatling runs the
-- fixed-rate phase; it is not the saturation driver here because on two cores its own
-- CPU per request is several times the service's (see docs/performance.md).
--
--   wrk -t1 -c16 -d7s -s scripts/bench/saturate.lua URL -- WORKLOAD TAG CAMPAIGN_IDS LEAD_IDS TOKEN
--
-- WORKLOAD is get, stats, post or mix (the same shares as dev.crm.load.Workload.MIX);
-- TAG makes every created lead's email and Idempotency-Key unique; the ids are
-- comma-separated. wrk counts every answer of 400 or more as an error; done() prints one
-- line for scripts/bench/Bench.java.

local workload, tag, campaigns, leads, authorization
local created = 0

local function split(text)
	local ids = {}
	for id in string.gmatch(text, "[^,]+") do
		ids[#ids + 1] = id
	end
	return ids
end

local function any(ids)
	return ids[math.random(#ids)]
end

local sources = { "WEB_FORM", "LANDING_PAGE", "REFERRAL", "IMPORT", "EVENT", "OTHER" }

local requests = {
	campaign = function()
		return wrk.format("GET", "/api/v1/campaigns/" .. any(campaigns))
	end,
	stats = function()
		return wrk.format("GET", "/api/v1/campaigns/" .. any(campaigns) .. "/stats")
	end,
	lead = function()
		return wrk.format("GET", "/api/v1/leads/" .. any(leads))
	end,
	leads = function()
		return wrk.format("GET", "/api/v1/leads?campaignId=" .. any(campaigns) .. "&size=20")
	end,
	campaigns = function()
		return wrk.format("GET", "/api/v1/campaigns?page=0&size=20")
	end,
	create = function()
		created = created + 1
		local key = tag .. "-" .. created
		local body = '{"campaignId":' .. any(campaigns) .. ',"email":"wrk-' .. key
			.. '@load.example","name":"Load Lead","source":"' .. any(sources) .. '"}'
		return wrk.format("POST", "/api/v1/leads",
			-- Headers given here replace wrk.headers: the token is repeated.
			{ ["Content-Type"] = "application/json", ["Idempotency-Key"] = key, ["Authorization"] = authorization },
			body)
	end,
}

-- Percent of each request in the mix: mostly reads, and 15% lead creations.
local mix = { { 40, "campaign" }, { 20, "stats" }, { 10, "lead" }, { 10, "leads" }, { 5, "campaigns" },
	{ 15, "create" } }

local single = { get = "campaign", stats = "stats", post = "create" }

function init(args)
	workload, tag, campaigns, leads = args[1], args[2], split(args[3]), split(args[4])
	if workload ~= "mix" and single[workload] == nil then
		error("unknown workload " .. tostring(workload) .. "; expected get, stats, post or mix")
	end
	wrk.headers["Accept"] = "application/json"
	-- The API needs a bearer token (TOKEN: dev.crm.support.TestTokens.VALID).
	authorization = "Bearer " .. args[5]
	wrk.headers["Authorization"] = authorization
end

function request()
	if workload ~= "mix" then
		return requests[single[workload]]()
	end
	local roll = math.random(100)
	for _, share in ipairs(mix) do
		roll = roll - share[1]
		if roll <= 0 then
			return requests[share[2]]()
		end
	end
end

function done(summary, latency, requests_)
	local errors = summary.errors
	io.write(string.format("[wrk] requests=%d duration_us=%d unexpected=%d (status >= 400: %d; socket: connect %d, "
		.. "read %d, write %d, timeout %d)\n", summary.requests, summary.duration,
		errors.connect + errors.read + errors.write + errors.status + errors.timeout, errors.status, errors.connect,
		errors.read, errors.write, errors.timeout))
end
