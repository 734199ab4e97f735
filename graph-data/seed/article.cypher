// ============================================================================
// Seed knowledge graph: "OpenAI ends Microsoft exclusivity, unlocks AWS
// enterprise distribution" (AI Technology, 7 min read).
// Source text: shared/seeds/000_a7ba85c7bf0b95bc.txt
//
// Written in kg's query language, following openCypher, using only plain
// CREATE patterns, so the same script also runs unchanged in Neo4j/Memgraph.
// It is ONE CREATE statement: nodes are bound to variables first, then the
// relationships reuse those variables.
//
// Conventions (full reference: graph-data/SCHEMA.md):
//   * name     -- the entity's name exactly as the article writes it;
//                 other spellings go in `aliases` (a list of strings).
//   * money    -- every amount is an INTEGER number of US dollars in a
//                 property whose key ends in `_usd` ($38 billion ->
//                 value_usd: 38000000000, $750 million -> 750000000).
//   * percent  -- FLOAT in a key ending in `_pct` (27% -> stake_pct: 27.0).
//   * multiple -- FLOAT (17.6x -> return_multiple: 17.6).
//   * counts   -- INTEGER; "200,000-plus" -> enterprise_customers_min: 200000.
//   * validity -- valid_from / valid_to are DATE values. A bound the article
//                 gives only to the month or year covers the whole period:
//                 valid_from is the period's first day, valid_to its last
//                 ("ended in April 2026" -> valid_to: date('2026-04-30'),
//                 "through 2032" -> valid_to: date('2032-12-31')).
//   * other dates -- descriptive ISO 8601 strings, as precise as the article
//                 ('2026-03', 'Q4 2025'): period_start / period_end, as_of.
//   * status   -- 'active' or 'ended' (agreements, distribution, payments);
//                 'preview' (availability).
//   * source   -- every node (except Source nodes) and every relationship
//                 has `source`, the name of the Source node the article
//                 attributes the fact to; 'Article' = the article's own
//                 voice. Every non-Source node also has a REPORTED_BY
//                 relationship to that same Source node.
//   * COMPETES_WITH is symmetric: stored once, query it undirected.
// ============================================================================

CREATE
// ---------------------------------------------------------------------------
// Sources: the article itself, the outlets it cites, and the company
// statements it quotes.
// ---------------------------------------------------------------------------
  (s_article:Source {name: 'Article', kind: 'article',
     title: 'OpenAI ends Microsoft exclusivity, unlocks AWS enterprise distribution',
     category: 'AI Technology', reading_time_min: 7}),
  (s_cnbc:Source {name: 'CNBC', kind: 'news outlet'}),
  (s_techcrunch:Source {name: 'TechCrunch', kind: 'news outlet'}),
  (s_bs:Source {name: 'Business Standard', kind: 'news outlet'}),
  (s_ibtimes:Source {name: 'IBTimes', kind: 'news outlet', aliases: ['International Business Times']}),
  (s_tnw:Source {name: 'TheNextWeb', kind: 'news outlet', aliases: ['The Next Web']}),
  (s_vb:Source {name: 'VentureBeat', kind: 'news outlet'}),
  (s_oai_ann:Source {name: 'OpenAI announcement', kind: 'company announcement'}),
  (s_ms_stmt:Source {name: 'Microsoft official statement', kind: 'company statement',
     aliases: ['Microsoft’s official statement']}),

// ---------------------------------------------------------------------------
// Companies. The three clouds of the market table (AWS, Azure, Google
// Cloud) are modelled alike: each is a CloudProvider OPERATED_BY its owner.
// ---------------------------------------------------------------------------
  (openai:Company {name: 'OpenAI', enterprise_customers_min: 200000,
     enterprise_customers_text: '200,000-plus', source: 'Article'}),
  (microsoft:Company {name: 'Microsoft', source: 'Article'}),
  (amazon:Company {name: 'Amazon', source: 'Article'}),
  (aws:CloudProvider {name: 'AWS',
     aliases: ['Amazon Web Services', 'Amazon’s cloud division'], source: 'Article'}),
  (google:Company {name: 'Google', source: 'TheNextWeb'}),
  (gcloud:CloudProvider {name: 'Google Cloud', source: 'Article'}),
  (anthropic:Company {name: 'Anthropic', source: 'Business Standard'}),
  (dadavidson:Company {name: 'D.A. Davidson & Co.', aliases: ['D.A. Davidson'],
     source: 'Business Standard'}),

// ---------------------------------------------------------------------------
// People (role and employer are on the WORKS_AT relationship below).
// ---------------------------------------------------------------------------
  (dresser:Person {name: 'Denise Dresser', source: 'CNBC'}),
  (garman:Person {name: 'Matt Garman', source: 'Article'}),
  (luria:Person {name: 'Gil Luria', source: 'Business Standard'}),

// ---------------------------------------------------------------------------
// Cloud platforms. Vertex AI was rebranded as the Gemini Enterprise Agent Platform
// (TheNextWeb): kept as one node, new name in aliases, plus a REBRANDED edge.
// ---------------------------------------------------------------------------
  (bedrock:Platform {name: 'Amazon Bedrock', aliases: ['Bedrock'], multi_model: true,
     source: 'Article'}),
  (azure:CloudProvider {name: 'Azure', aliases: ['Microsoft Azure'], source: 'Article'}),
  (vertex:Platform {name: 'Vertex AI',
     aliases: ['Gemini Enterprise Agent Platform', 'Vertex AI platform'], source: 'IBTimes'}),

// ---------------------------------------------------------------------------
// Models and products.
// ---------------------------------------------------------------------------
  (gpt55:Model {name: 'GPT-5.5', source: 'OpenAI announcement'}),
  (gpt54:Model {name: 'GPT-5.4', source: 'OpenAI announcement'}),
  (gemini:Model {name: 'Gemini', aliases: ['Gemini AI models'], source: 'IBTimes'}),
  (codex:Product {name: 'Codex', kind: 'capability', source: 'OpenAI announcement'}),
  // The article does not say whose capability Managed Agents is: no DEVELOPED_BY edge.
  (managed_agents:Product {name: 'Managed Agents', kind: 'capability',
     source: 'OpenAI announcement'}),

// ---------------------------------------------------------------------------
// The deal: multi-year $38 billion OpenAI-AWS partnership, April 2026.
// ---------------------------------------------------------------------------
  (deal_aws:Agreement {name: 'AWS partnership',
     aliases: ['$38 billion partnership', 'multi-year $38 billion agreement', 'April 2026 deal'],
     kind: 'partnership agreement',
     value_usd: 38000000000, multi_year: true, valid_from: date('2026-04-01'),
     status: 'active',
     grants_access_to: ['OpenAI’s models', 'OpenAI’s 200,000-plus enterprise customer base'],
     source: 'Article'}),

// ---------------------------------------------------------------------------
// Microsoft-OpenAI agreements. The exclusivity arrangement ended in April
// 2026; the new agreement holds the surviving terms (PART_OF it). The
// primary-cloud-partner term and the revenue-share payments are facts between
// the two companies: they are the PARTNERS_WITH and PAYS relationships below,
// not agreement nodes too.
// ---------------------------------------------------------------------------
  (ag_excl:Agreement {name: 'exclusivity arrangement',
     aliases: ['exclusive partnership', 'exclusive distribution rights', 'Azure exclusivity'],
     kind: 'distribution agreement', exclusive: true, status: 'ended',
     valid_to: date('2026-04-30'),
     source: 'Article'}),
  (ag_new:Agreement {name: 'new agreement', aliases: ['revised terms'],
     kind: 'partnership agreement', status: 'active', valid_from: date('2026-04-01'),
     source: 'TechCrunch'}),
  (ag_first_ship:Agreement {name: 'first-ship-on-Azure rights',
     aliases: ['first-launch rights', 'preferential launch timing'], kind: 'term',
     status: 'active',
     condition: 'unless Microsoft cannot and chooses not to support the necessary capabilities',
     source: 'Microsoft official statement'}),

// ---------------------------------------------------------------------------
// Investments and commitments.
// ---------------------------------------------------------------------------
  (inv_ms:Investment {name: 'Microsoft investment in OpenAI',
     aliases: ['$13 billion investment'], kind: 'investment',
     amount_usd: 13000000000, approximate: true, rounds: 3,
     period_start: '2019', period_end: '2023',
     return_multiple: 17.6, return_as_of: '2026-03', source: 'Article'}),
  (inv_azure:Investment {name: 'Azure infrastructure commitment',
     kind: 'infrastructure commitment', amount_usd: 250000000000,
     sized_for: 'exclusive OpenAI workload distribution', revision_disclosed: false,
     source: 'Article'}),

// ---------------------------------------------------------------------------
// Google's answer: $750 million partner fund announced at Cloud Next 2026.
// ---------------------------------------------------------------------------
  (fund:Fund {name: 'partner fund', aliases: ['$750 million partner fund', '$750M partner fund'],
     amount_usd: 750000000, purpose: 'agentic AI deployments', channel: 'consulting partners',
     year: 2026, source: 'TheNextWeb'}),
  (cloudnext:Event {name: 'Cloud Next 2026', kind: 'conference', year: 2026,
     source: 'TheNextWeb'}),

// ---------------------------------------------------------------------------
// Market figures. One node per row of the table "Cloud Provider AI
// Positioning (Q4 2025–Q1 2026)" (article's own figures), plus Google
// Cloud's Q4 2025 results (IBTimes) and OpenAI's March 2026 valuation.
// Verbal growth rates keep the article's words in growth_text; the numeric
// bounds growth_pct_min/max are our reading of them ("Mid-teens" = 14-16,
// "Low 30s%" = 30-33); exact rates also have growth_pct.
// ---------------------------------------------------------------------------
  (mf_aws:MarketFigure {name: 'AWS AI positioning', metric: 'AI positioning',
     table: 'Cloud Provider AI Positioning', period: 'Q4 2025–Q1 2026',
     period_start: '2025-10', period_end: '2026-03',
     share_pct: 31.0, growth_text: 'Mid-teens', growth_pct_min: 14.0, growth_pct_max: 16.0,
     ai_distribution_strategy: 'Multi-model Bedrock platform + OpenAI direct',
     source: 'Article'}),
  (mf_azure:MarketFigure {name: 'Azure AI positioning', metric: 'AI positioning',
     table: 'Cloud Provider AI Positioning', period: 'Q4 2025–Q1 2026',
     period_start: '2025-10', period_end: '2026-03',
     share_pct: 24.0, growth_text: 'Low 30s%', growth_pct_min: 30.0, growth_pct_max: 33.0,
     ai_distribution_strategy: 'OpenAI primary + first-launch rights',
     source: 'Article'}),
  (mf_gcloud:MarketFigure {name: 'Google Cloud AI positioning', metric: 'AI positioning',
     table: 'Cloud Provider AI Positioning', period: 'Q4 2025–Q1 2026',
     period_start: '2025-10', period_end: '2026-03',
     share_pct: 12.0, growth_text: '48%', growth_pct: 48.0,
     growth_pct_min: 48.0, growth_pct_max: 48.0,
     ai_distribution_strategy: 'Gemini native + $750M partner fund',
     source: 'Article'}),
  (mf_gc_q4:MarketFigure {name: 'Google Cloud Q4 2025 results', metric: 'quarterly results',
     period: 'Q4 2025', period_start: '2025-10', period_end: '2025-12',
     revenue_usd: 17700000000, growth_pct: 48.0,
     note: 'fastest pace in four years', fastest_in_years: 4, source: 'IBTimes'}),
  (mf_val:MarketFigure {name: 'OpenAI valuation', metric: 'valuation',
     valuation_usd: 852000000000, as_of: '2026-03', source: 'Article'}),

// ---------------------------------------------------------------------------
// Quotes (text kept verbatim, including the article's typography).
// ---------------------------------------------------------------------------
  (q_dresser:Quote {name: 'Denise Dresser on Bedrock',
     text: 'has also limited our ability to meet enterprises where they are — for many that’s Bedrock',
     context: 'told employees, about Microsoft’s partnership', source: 'CNBC'}),
  (q_luria:Quote {name: 'Gil Luria on enterprise customers',
     text: 'AWS and Google Cloud enterprise customers have been limited in their ability to integrate OpenAI’s products because of the exclusive relationship and will now be more likely to consider OpenAI alongside Anthropic.',
     source: 'Business Standard'}),
  (q_garman:Quote {name: 'Matt Garman on customer demand',
     text: 'This is what our customers have been asking us for for a really long time.',
     context: 'described customer demand as longstanding', source: 'Article'}),
  (q_ms_evolve:Quote {name: 'Microsoft on partnership evolution',
     text: 'The rapid pace of innovation requires us to continue to evolve our partnership to benefit our customers and both companies.',
     source: 'Microsoft official statement'}),
  (q_ms_firstship:Quote {name: 'Microsoft on first-ship condition',
     text: 'unless Microsoft cannot and chooses not to support the necessary capabilities',
     context: 'OpenAI products will ship first on Azure', source: 'Microsoft official statement'}),
  (q_vb:Quote {name: 'VentureBeat on partnership evolution',
     text: 'the rapid pace of innovation',
     context: 'the partnership evolution reflects it, requiring structural flexibility',
     source: 'VentureBeat'}),

// ---------------------------------------------------------------------------
// "What to watch" items (the article's own outlook).
// ---------------------------------------------------------------------------
  (w_retention:WatchItem {name: 'Azure customer retention metrics',
     through_period: 'Q2 2026', period_end: '2026-06',
     question: 'whether Microsoft can defend its AI-driven cloud growth thesis without exclusivity',
     source: 'Article'}),
  (w_commit:WatchItem {name: 'Azure infrastructure commitment revision',
     question: 'whether the $250 billion Azure infrastructure commitment will be revised for multi-cloud reality',
     disclosed: false, source: 'Article'}),
  (w_gcloud:WatchItem {name: 'Google Cloud response velocity',
     question: 'whether Google Cloud secures similar direct OpenAI distribution or doubles down on Gemini-native differentiation',
     outcomes: ['three-way model marketplace', 'bifurcated ecosystem'],
     article_leaning: 'bifurcated ecosystem', source: 'Article'}),
  (w_openai:WatchItem {name: 'OpenAI enterprise revenue growth trajectory',
     question: 'whether multi-cloud distribution unlocks the corporate customer base that Azure exclusivity constrained',
     source: 'Article'}),

// ===========================================================================
// Relationships
// ===========================================================================

// --- corporate structure and platform ownership ---
  (aws)-[:OPERATED_BY {source: 'Article'}]->(amazon),
  (gcloud)-[:OPERATED_BY {source: 'Article'}]->(google),
  (azure)-[:OPERATED_BY {source: 'Article'}]->(microsoft),
  (bedrock)-[:OPERATED_BY {source: 'Article'}]->(aws),
  (vertex)-[:OPERATED_BY {source: 'IBTimes'}]->(gcloud),
  (google)-[:REBRANDED {from_name: 'Vertex AI', to_name: 'Gemini Enterprise Agent Platform',
     source: 'TheNextWeb'}]->(vertex),

// --- people: role and employer ---
  (dresser)-[:WORKS_AT {role: 'revenue chief', source: 'CNBC'}]->(openai),
  (garman)-[:WORKS_AT {role: 'CEO', source: 'Article'}]->(aws),
  (luria)-[:WORKS_AT {role: 'analyst', source: 'Business Standard'}]->(dadavidson),

// --- models and products: who builds them, where they are available ---
  (gpt55)-[:DEVELOPED_BY {source: 'OpenAI announcement'}]->(openai),
  (gpt54)-[:DEVELOPED_BY {source: 'OpenAI announcement'}]->(openai),
  (codex)-[:DEVELOPED_BY {source: 'OpenAI announcement'}]->(openai),
  (gemini)-[:DEVELOPED_BY {source: 'IBTimes'}]->(google),
  (gpt55)-[:AVAILABLE_ON {status: 'preview', source: 'OpenAI announcement'}]->(bedrock),
  (gpt54)-[:AVAILABLE_ON {status: 'preview', source: 'OpenAI announcement'}]->(bedrock),
  (codex)-[:AVAILABLE_ON {status: 'preview', source: 'OpenAI announcement'}]->(bedrock),
  (managed_agents)-[:AVAILABLE_ON {status: 'preview', source: 'OpenAI announcement'}]->(bedrock),

// --- the AWS partnership ---
  (openai)-[:PARTY_TO {role: 'model provider', source: 'Article'}]->(deal_aws),
  (aws)-[:PARTY_TO {role: 'distributor', source: 'Article'}]->(deal_aws),
  (deal_aws)-[:DISTRIBUTED_VIA {source: 'Article'}]->(bedrock),
  (deal_aws)-[:ENDED {source: 'Article'}]->(ag_excl),
  (microsoft)-[:PARTNERS_WITH {role: 'primary cloud partner', quote: 'primary cloud partner',
     valid_to: date('2032-12-31'), source: 'Article'}]->(openai),

// --- who distributes OpenAI's models (X DISTRIBUTES OpenAI = X distributes OpenAI's models;
//     the platform it distributes through is linked by DISTRIBUTES_THROUGH) ---
  (aws)-[:DISTRIBUTES {exclusive: false, status: 'active',
     valid_from: date('2026-04-01'), source: 'Article'}]->(openai),
  (microsoft)-[:DISTRIBUTES {exclusive: true, status: 'ended',
     valid_to: date('2026-04-30'), source: 'Article'}]->(openai),
  (microsoft)-[:DISTRIBUTES {exclusive: false, status: 'active',
     valid_from: date('2026-04-01'), source: 'Article'}]->(openai),
  (aws)-[:DISTRIBUTES_THROUGH {source: 'Article'}]->(bedrock),
  (microsoft)-[:DISTRIBUTES_THROUGH {source: 'Article'}]->(azure),

// --- Microsoft-OpenAI agreements: parties (with role) and structure ---
  (microsoft)-[:PARTY_TO {role: 'exclusive distributor', source: 'Article'}]->(ag_excl),
  (openai)-[:PARTY_TO {role: 'model provider', source: 'Article'}]->(ag_excl),
  (microsoft)-[:PARTY_TO {role: 'partner', source: 'TechCrunch'}]->(ag_new),
  (openai)-[:PARTY_TO {role: 'partner', source: 'TechCrunch'}]->(ag_new),
  (ag_first_ship)-[:PART_OF {source: 'Microsoft official statement'}]->(ag_new),
  (microsoft)-[:PARTY_TO {role: 'rights holder', source: 'Microsoft official statement'}]->(ag_first_ship),
  (openai)-[:PARTY_TO {role: 'grantor', source: 'Microsoft official statement'}]->(ag_first_ship),
  (ag_first_ship)-[:FOR_PLATFORM {source: 'Microsoft official statement'}]->(azure),

// --- money flows ---
  (microsoft)-[:PAYS {payment: 'revenue share', status: 'ended', valid_to: date('2026-04-30'),
     source: 'TechCrunch'}]->(openai),
  (openai)-[:PAYS {payment: 'revenue share', capped: true, status: 'active',
     valid_to: date('2030-12-31'), source: 'TechCrunch'}]->(microsoft),

// --- Microsoft's investment, stake and infrastructure commitment ---
  (microsoft)-[:PARTY_TO {role: 'investor', source: 'Article'}]->(inv_ms),
  (openai)-[:PARTY_TO {role: 'investee', source: 'Article'}]->(inv_ms),
  (ag_excl)-[:UNDERPINNED {source: 'Article'}]->(inv_ms),
  (microsoft)-[:OWNS_STAKE {stake_pct: 27.0, value_usd: 228000000000, as_of: '2026-03',
     position: 'influential minority shareholder', source: 'Article'}]->(openai),
  (microsoft)-[:PARTY_TO {role: 'investor', source: 'Article'}]->(inv_azure),
  (inv_azure)-[:FOR_PLATFORM {source: 'Article'}]->(azure),

// --- market figures ---
  (aws)-[:HAS_MARKET_FIGURE {source: 'Article'}]->(mf_aws),
  (azure)-[:HAS_MARKET_FIGURE {source: 'Article'}]->(mf_azure),
  (gcloud)-[:HAS_MARKET_FIGURE {source: 'Article'}]->(mf_gcloud),
  (gcloud)-[:HAS_MARKET_FIGURE {source: 'IBTimes'}]->(mf_gc_q4),
  (openai)-[:HAS_MARKET_FIGURE {source: 'Article'}]->(mf_val),
  (mf_gc_q4)-[:DRIVEN_BY {source: 'IBTimes'}]->(gemini),
  (mf_gc_q4)-[:DRIVEN_BY {source: 'IBTimes'}]->(vertex),

// --- competition (symmetric; stored once) ---
  (aws)-[:COMPETES_WITH {source: 'Article'}]->(azure),
  (aws)-[:COMPETES_WITH {source: 'Article'}]->(gcloud),
  (azure)-[:COMPETES_WITH {source: 'Article'}]->(gcloud),
  (openai)-[:COMPETES_WITH {source: 'Business Standard'}]->(anthropic),

// --- Google's partner fund ---
  (google)-[:ANNOUNCED {source: 'TheNextWeb'}]->(fund),
  (fund)-[:ANNOUNCED_AT {source: 'TheNextWeb'}]->(cloudnext),
  (google)-[:HOSTED {source: 'TheNextWeb'}]->(cloudnext),
  (fund)-[:SUPPORTS {source: 'TheNextWeb'}]->(vertex),

// --- quotes: who said them and what they are about ---
  (dresser)-[:SAID {source: 'CNBC'}]->(q_dresser),
  (luria)-[:SAID {source: 'Business Standard'}]->(q_luria),
  (garman)-[:SAID {source: 'Article'}]->(q_garman),
  (microsoft)-[:SAID {source: 'Microsoft official statement'}]->(q_ms_evolve),
  (microsoft)-[:SAID {source: 'Microsoft official statement'}]->(q_ms_firstship),
  (q_dresser)-[:ABOUT {source: 'CNBC'}]->(ag_excl),
  (q_luria)-[:ABOUT {source: 'Business Standard'}]->(ag_excl),
  (q_garman)-[:ABOUT {source: 'Article'}]->(deal_aws),
  (q_ms_evolve)-[:ABOUT {source: 'Microsoft official statement'}]->(ag_new),
  (q_ms_firstship)-[:ABOUT {source: 'Microsoft official statement'}]->(ag_first_ship),
  (q_vb)-[:ABOUT {source: 'VentureBeat'}]->(ag_new),

// --- who issued the company statements ---
  (openai)-[:PUBLISHED {source: 'Article'}]->(s_oai_ann),
  (microsoft)-[:PUBLISHED {source: 'Article'}]->(s_ms_stmt),

// --- what to watch ---
  (w_retention)-[:CONCERNS {source: 'Article'}]->(azure),
  (w_commit)-[:CONCERNS {source: 'Article'}]->(inv_azure),
  (w_gcloud)-[:CONCERNS {source: 'Article'}]->(gcloud),
  (w_openai)-[:CONCERNS {source: 'Article'}]->(openai),

// ===========================================================================
// Provenance: every non-Source node -> the Source named in its `source`.
// ===========================================================================
// Article (21)
  (openai)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (microsoft)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (amazon)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (aws)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (gcloud)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (garman)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (bedrock)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (azure)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (deal_aws)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (ag_excl)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (inv_ms)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (inv_azure)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (mf_aws)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (mf_azure)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (mf_gcloud)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (mf_val)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (q_garman)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (w_retention)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (w_commit)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (w_gcloud)-[:REPORTED_BY {source: 'Article'}]->(s_article),
  (w_openai)-[:REPORTED_BY {source: 'Article'}]->(s_article),
// CNBC (2)
  (dresser)-[:REPORTED_BY {source: 'CNBC'}]->(s_cnbc),
  (q_dresser)-[:REPORTED_BY {source: 'CNBC'}]->(s_cnbc),
// TechCrunch (1)
  (ag_new)-[:REPORTED_BY {source: 'TechCrunch'}]->(s_techcrunch),
// Business Standard (4)
  (anthropic)-[:REPORTED_BY {source: 'Business Standard'}]->(s_bs),
  (dadavidson)-[:REPORTED_BY {source: 'Business Standard'}]->(s_bs),
  (luria)-[:REPORTED_BY {source: 'Business Standard'}]->(s_bs),
  (q_luria)-[:REPORTED_BY {source: 'Business Standard'}]->(s_bs),
// IBTimes (3)
  (vertex)-[:REPORTED_BY {source: 'IBTimes'}]->(s_ibtimes),
  (gemini)-[:REPORTED_BY {source: 'IBTimes'}]->(s_ibtimes),
  (mf_gc_q4)-[:REPORTED_BY {source: 'IBTimes'}]->(s_ibtimes),
// TheNextWeb (3)
  (google)-[:REPORTED_BY {source: 'TheNextWeb'}]->(s_tnw),
  (fund)-[:REPORTED_BY {source: 'TheNextWeb'}]->(s_tnw),
  (cloudnext)-[:REPORTED_BY {source: 'TheNextWeb'}]->(s_tnw),
// VentureBeat (1)
  (q_vb)-[:REPORTED_BY {source: 'VentureBeat'}]->(s_vb),
// OpenAI announcement (4)
  (gpt55)-[:REPORTED_BY {source: 'OpenAI announcement'}]->(s_oai_ann),
  (gpt54)-[:REPORTED_BY {source: 'OpenAI announcement'}]->(s_oai_ann),
  (codex)-[:REPORTED_BY {source: 'OpenAI announcement'}]->(s_oai_ann),
  (managed_agents)-[:REPORTED_BY {source: 'OpenAI announcement'}]->(s_oai_ann),
// Microsoft official statement (3)
  (ag_first_ship)-[:REPORTED_BY {source: 'Microsoft official statement'}]->(s_ms_stmt),
  (q_ms_evolve)-[:REPORTED_BY {source: 'Microsoft official statement'}]->(s_ms_stmt),
  (q_ms_firstship)-[:REPORTED_BY {source: 'Microsoft official statement'}]->(s_ms_stmt);
